-- findings: 2
ALTER TABLE accounts RENAME COLUMN name TO full_name;
ALTER TABLE accounts RENAME email TO email_address;
