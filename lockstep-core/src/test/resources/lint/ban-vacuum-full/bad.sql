-- findings: 3
VACUUM FULL events;
VACUUM (FULL, ANALYZE) public.orders;
VACUUM FULL;
