-- findings: 2
CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
ALTER DOMAIN email ADD CONSTRAINT email_format CHECK (VALUE LIKE '%@%');
