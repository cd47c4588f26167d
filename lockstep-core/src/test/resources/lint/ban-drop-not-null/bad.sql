-- findings: 1
ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL;
