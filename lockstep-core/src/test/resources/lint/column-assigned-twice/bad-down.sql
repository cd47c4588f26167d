-- findings: 1
-- down-script
UPDATE accounts SET plan = NULL, plan = 'x';
