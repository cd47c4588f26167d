CREATE TABLE cp_second (id int);
