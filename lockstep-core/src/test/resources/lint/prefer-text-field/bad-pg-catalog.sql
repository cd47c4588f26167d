-- findings: 1
CREATE TABLE t (id bigint PRIMARY KEY, alpha pg_catalog.varchar(100) NOT NULL);
