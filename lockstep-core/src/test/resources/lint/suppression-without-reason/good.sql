-- lockstep:ignore require-concurrent-index the table is empty until launch
CREATE INDEX accounts_email ON accounts (email);
