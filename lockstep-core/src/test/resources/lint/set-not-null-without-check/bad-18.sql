-- findings: 1
-- pg-version: 18
-- expect: ADD CONSTRAINT accounts_plan_not_null NOT NULL plan NOT VALID
ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;
