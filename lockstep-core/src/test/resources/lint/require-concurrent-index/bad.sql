-- findings: 2
CREATE INDEX accounts_email ON accounts (email);
CREATE UNIQUE INDEX IF NOT EXISTS orders_ref ON public.orders (ref);
