ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;
ALTER TABLE accounts ADD COLUMN unique_code text;
ALTER TABLE accounts ADD CONSTRAINT accounts_code_check CHECK (code <> 'unique') NOT VALID;
CREATE TABLE handles (id bigint, handle text);
ALTER TABLE handles ADD CONSTRAINT handles_handle_key UNIQUE (handle);
ALTER TABLE handles ADD COLUMN alias text UNIQUE;
