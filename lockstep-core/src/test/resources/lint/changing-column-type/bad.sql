-- findings: 2
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);
ALTER TABLE orders ALTER amount SET DATA TYPE bigint USING amount::bigint;
