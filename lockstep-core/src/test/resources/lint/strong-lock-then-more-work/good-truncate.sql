-- TRUNCATE swaps the files: it takes no time that grows with the table
TRUNCATE staging_rows;
TRUNCATE staging_rows;
