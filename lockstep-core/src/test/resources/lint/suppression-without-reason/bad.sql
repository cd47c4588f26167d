-- lockstep:ignore require-concurrent-index
-- findings: 1
CREATE INDEX accounts_email ON accounts (email);
