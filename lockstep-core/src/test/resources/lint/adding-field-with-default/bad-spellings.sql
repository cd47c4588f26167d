-- findings: 7
-- a volatile default written directly, qualified, inside an expression, inside a cast, as a user function,
-- through a domain the file creates, and through a domain with constraints
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT public.gen_random_uuid();
ALTER TABLE accounts ADD COLUMN bucket int DEFAULT (random() * 100)::int;
ALTER TABLE accounts ADD COLUMN code text DEFAULT CAST(random() AS text);
ALTER TABLE accounts ADD COLUMN ref text DEFAULT make_reference();
CREATE DOMAIN ticket AS uuid DEFAULT gen_random_uuid();
ALTER TABLE accounts ADD COLUMN ticket ticket;
CREATE DOMAIN positive AS int CHECK (VALUE > 0);
ALTER TABLE accounts ADD COLUMN score positive;
ALTER TABLE accounts ADD seq bigint DEFAULT nextval('accounts_seq'::regclass);
