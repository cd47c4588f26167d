-- findings: 2
CREATE TABLE a (id bigserial PRIMARY KEY);
ALTER TABLE b ADD COLUMN seq serial;
