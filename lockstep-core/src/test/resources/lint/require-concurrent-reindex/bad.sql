-- findings: 5
-- expect: REINDEX INDEX CONCURRENTLY accounts_email
REINDEX INDEX accounts_email;
REINDEX TABLE accounts;
REINDEX (VERBOSE) TABLE public.orders;
REINDEX SCHEMA app;
REINDEX DATABASE app;
