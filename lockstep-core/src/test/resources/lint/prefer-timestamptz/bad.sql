-- findings: 2
CREATE TABLE a (id bigint PRIMARY KEY, created_at timestamp, seen_at timestamp(3) without time zone);
