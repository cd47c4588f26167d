-- findings: 1
-- down-script
-- expect: down script
DROP TABLE 'accounts;
