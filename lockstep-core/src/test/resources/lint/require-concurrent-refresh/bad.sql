-- findings: 2
REFRESH MATERIALIZED VIEW daily_totals;
REFRESH MATERIALIZED VIEW reporting.monthly_totals WITH DATA;
