ALTER TABLE projects ADD COLUMN owner_id bigint REFERENCES acounts (id);
