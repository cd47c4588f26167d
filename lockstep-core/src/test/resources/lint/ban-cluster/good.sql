ALTER TABLE events CLUSTER ON events_created_at;
CREATE TABLE scratch (id bigint PRIMARY KEY);
CLUSTER scratch USING scratch_pkey;
