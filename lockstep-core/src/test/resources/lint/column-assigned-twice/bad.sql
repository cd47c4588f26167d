-- findings: 3
UPDATE accounts SET plan = 'free', plan = 'basic' WHERE plan IS NULL;
UPDATE accounts SET (plan, region) = ('free', 'eu'), "plan" = 'basic';
INSERT INTO counters (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = counters.n + 1, n = 0;
