-- down-script
UPDATE accounts SET plan = NULL, region = NULL;
