-- findings: 2
CREATE TABLE a (id bigint PRIMARY KEY, email varchar(255), name character varying(80));
