-- findings: 1
ALTER TABLE accounts RENAME TO customers;
