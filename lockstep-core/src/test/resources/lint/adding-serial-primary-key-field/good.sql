ALTER TABLE events ADD COLUMN id bigint;
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;
