DROP TABLE projects;
DROP TABLE accounts;
