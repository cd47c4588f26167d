UPDATE accounts SET plan = 'free', plan_changed_at = now() WHERE plan IS NULL;
UPDATE matrix SET cells[1] = 0, cells[2] = 0;
UPDATE accounts SET plan = (SELECT plan FROM defaults WHERE defaults.plan = 'x' LIMIT 1), region = 'eu';
