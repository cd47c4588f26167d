-- findings: 1
-- expect: did you mean CREATE?
CREATE TABLE labels (id bigint PRIMARY KEY, name text);
CREAT INDEX labels_name ON labels (name);
