-- findings: 1
TRUNCATE TABLE plans CASCADE;
