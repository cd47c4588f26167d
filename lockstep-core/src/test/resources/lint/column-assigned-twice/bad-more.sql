-- findings: 4
UPDATE k SET a = ROW(1, 2), a.x = 1;
INSERT INTO t (a, b, a) VALUES (1, 2, 3);
MERGE INTO k USING j ON k.id = j.id WHEN MATCHED THEN UPDATE SET a = 1, a = 2;
MERGE INTO k USING j ON k.id = j.id WHEN NOT MATCHED THEN INSERT (id, id) VALUES (j.id, j.id);
