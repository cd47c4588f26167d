-- A new table, its foreign key and its index: nobody uses the table yet.
CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    amount numeric(12,2) NOT NULL DEFAULT 0,
    issued_at timestamptz NOT NULL DEFAULT now(),
    note text
);
CREATE INDEX invoices_account_id ON invoices (account_id);
ALTER TABLE invoices ADD CONSTRAINT invoices_amount_check CHECK (amount >= 0);
