-- findings: 1
-- expect: orders
ALTER TABLE accounts ADD COLUMN plan text;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
