CREATE TABLE cp_first (id int);
