-- findings: 2
CREATE TABLE a (id bigint);
COMMIT;
BEGIN;
CREATE TABLE b (id bigint);
