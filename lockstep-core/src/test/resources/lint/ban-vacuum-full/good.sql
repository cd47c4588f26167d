VACUUM events;
VACUUM (ANALYZE) orders;
CREATE TABLE scratch (id bigint);
VACUUM FULL scratch;
