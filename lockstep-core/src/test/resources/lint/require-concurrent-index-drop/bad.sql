-- findings: 1
DROP INDEX accounts_email;
