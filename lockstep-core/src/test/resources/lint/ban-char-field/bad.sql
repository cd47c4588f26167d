-- findings: 2
CREATE TABLE a (id bigint PRIMARY KEY, code char(2), flag character(1));
