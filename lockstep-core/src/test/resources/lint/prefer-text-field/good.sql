CREATE TABLE a (id bigint PRIMARY KEY, email text CHECK (length(email) <= 320), tag varchar);
