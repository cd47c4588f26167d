ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders ADD COLUMN memo text;
CREATE TABLE fresh (id bigint);
CREATE INDEX fresh_id ON fresh (id);
