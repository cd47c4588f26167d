-- findings: 1
-- pg-version: 18
-- expect: NOT NULL <column> NOT VALID
ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;
