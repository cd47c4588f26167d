CREATE TABLE a (id bigint PRIMARY KEY, created_at timestamptz, seen_at timestamp with time zone);
