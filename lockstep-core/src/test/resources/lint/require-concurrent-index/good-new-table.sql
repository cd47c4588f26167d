CREATE TABLE fresh (id bigint PRIMARY KEY, v text);
CREATE INDEX fresh_v ON fresh (v);
