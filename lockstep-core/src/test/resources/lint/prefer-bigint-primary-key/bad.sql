-- findings: 3
CREATE TABLE a (id serial PRIMARY KEY, v text);
CREATE TABLE b (id integer NOT NULL, v text, PRIMARY KEY (id));
CREATE TABLE c (id int4 PRIMARY KEY);
