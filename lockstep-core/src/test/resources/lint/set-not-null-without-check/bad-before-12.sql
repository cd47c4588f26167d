-- findings: 1
-- pg-version: 11
-- expect: before PostgreSQL 12
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_plan_not_null;
ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;
