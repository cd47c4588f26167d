-- findings: 3
BEGIN;
BEGIN;
CREATE TABLE a (id bigint);
COMMIT;
SAVEPOINT s;
BEGIN;
CREATE TABLE b (id bigint);
