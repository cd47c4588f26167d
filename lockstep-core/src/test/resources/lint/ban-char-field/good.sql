CREATE TABLE a (id bigint PRIMARY KEY, code text, name character varying);
