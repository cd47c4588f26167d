-- findings: 2
ALTER TABLE events ADD COLUMN id bigserial;
ALTER TABLE logs ADD COLUMN id bigint PRIMARY KEY;
