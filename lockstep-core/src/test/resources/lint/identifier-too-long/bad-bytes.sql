-- findings: 1
-- 40 letters, 80 bytes in UTF-8
CREATE TABLE "ééééééééééééééééééééééééééééééééééééééé" (id bigint);
