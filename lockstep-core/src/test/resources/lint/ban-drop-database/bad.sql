-- findings: 1
DROP DATABASE analytics;
