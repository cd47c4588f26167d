-- findings: 1
CREATE INDEX orders_note ON orders (note);
CREATE TRIGGER invoices_audit AFTER UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION audit();
