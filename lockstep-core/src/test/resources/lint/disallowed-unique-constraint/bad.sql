-- findings: 2
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
ALTER TABLE events ADD PRIMARY KEY (id);
