-- findings: 7
-- every spelling PostgreSQL's ALTER TABLE grammar has for a constraint that builds an index
ALTER TABLE accounts ADD UNIQUE (email);
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email) INCLUDE (name);
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE NULLS NOT DISTINCT (email);
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY public.accounts ADD CONSTRAINT accounts_email_key UNIQUE (email) WITH (fillfactor = 90);
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
ALTER TABLE accounts ADD COLUMN handle text UNIQUE;
