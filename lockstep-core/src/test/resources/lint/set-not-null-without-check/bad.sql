-- findings: 1
ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;
