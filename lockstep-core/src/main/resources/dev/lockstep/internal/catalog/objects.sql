-- The objects of a database's catalog, one row per object: a key ("table public.accounts") and its
-- attributes as a JSON object (owner, privileges, comment, definition). System schemas and the members
-- of extensions are left out (CREATE EXTENSION brings those back). Privileges are the effective ones
-- (a NULL ACL is the type's default), their items sorted. Long definitions are MD5 hashes.
WITH ns AS (
    SELECT n.oid, n.nspname, n.nspowner, n.nspacl
    FROM pg_namespace n
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid
                      AND d.deptype = 'e')
),
rel AS (
    SELECT c.oid, c.relname, c.relkind, c.relowner, c.relacl, c.relrowsecurity, c.relforcerowsecurity,
           c.relpersistence, c.reloptions, c.relispartition, ns.nspname,
           format('%I.%I', ns.nspname, c.relname) AS qname
    FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.deptype = 'e')
)
SELECT key, jsonb_strip_nulls(attrs)::text FROM (
SELECT 'schema ' || quote_ident(ns.nspname) AS key, jsonb_build_object(
           'owner', pg_get_userbyid(ns.nspowner),
           'acl', (SELECT string_agg(a::text, ',' ORDER BY a::text)
                   FROM unnest(coalesce(ns.nspacl, acldefault('n', ns.nspowner))) a),
           'comment', obj_description(ns.oid, 'pg_namespace')) AS attrs
FROM ns
UNION ALL
SELECT CASE r.relkind WHEN 'r' THEN 'table ' WHEN 'p' THEN 'partitioned table ' WHEN 'v' THEN 'view '
                      WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence ' ELSE 'foreign table ' END
           || r.qname, jsonb_build_object(
           'owner', pg_get_userbyid(r.relowner),
           'acl', (SELECT string_agg(a::text, ',' ORDER BY a::text)
                   FROM unnest(coalesce(r.relacl, acldefault(CASE r.relkind WHEN 'S' THEN 's'::"char" ELSE 'r'::"char" END,
                                                             r.relowner))) a),
           'comment', obj_description(r.oid, 'pg_class'),
           'row security', CASE WHEN r.relforcerowsecurity THEN 'forced' WHEN r.relrowsecurity THEN 'enabled' END,
           'unlogged', CASE WHEN r.relpersistence = 'u' THEN 'yes' END,
           'options', r.reloptions::text,
           'partition of', (SELECT format('%s %s', i.inhparent::regclass, pg_get_expr(c.relpartbound, c.oid))
                            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                            WHERE i.inhrelid = r.oid AND r.relispartition),
           'inherits', (SELECT string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno)
                        FROM pg_inherits i WHERE i.inhrelid = r.oid AND NOT r.relispartition),
           'partitioned by', CASE WHEN r.relkind = 'p' THEN pg_get_partkeydef(r.oid) END,
           'definition', CASE WHEN r.relkind IN ('v', 'm') THEN md5(pg_get_viewdef(r.oid)) END,
           'sequence', (SELECT format('%s start %s increment %s min %s max %s cache %s%s', s.seqtypid::regtype,
                                      s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
                                      CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END)
                        FROM pg_sequence s WHERE s.seqrelid = r.oid),
           'owned by', (SELECT format('%s.%I', d.refobjid::regclass, a.attname)
                        FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                        WHERE r.relkind = 'S' AND d.classid = 'pg_class'::regclass AND d.objid = r.oid
                          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1))
FROM rel r
WHERE r.relkind <> 'c'
UNION ALL
SELECT 'column ' || r.qname || '.' || quote_ident(a.attname), jsonb_build_object(
           'position', row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum),
           'type', format_type(a.atttypid, a.atttypmod),
           'not null', CASE WHEN a.attnotnull THEN 'yes' END,
           'default', (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
                       WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum),
           'identity', nullif(a.attidentity, ''),
           'generated', nullif(a.attgenerated, ''),
           'collation', (SELECT co.collname FROM pg_collation co JOIN pg_type t ON t.oid = a.atttypid
                         WHERE co.oid = a.attcollation AND a.attcollation <> t.typcollation),
           'acl', (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(a.attacl) x),
           'comment', col_description(a.attrelid, a.attnum))
FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid
WHERE a.attnum > 0 AND NOT a.attisdropped AND r.relkind <> 'S'
UNION ALL
SELECT 'constraint ' || coalesce(r.qname, format('%I.%I', tn.nspname, t.typname)) || '.' || quote_ident(con.conname),
       jsonb_build_object('definition', pg_get_constraintdef(con.oid),
                          'comment', obj_description(con.oid, 'pg_constraint'))
FROM pg_constraint con
LEFT JOIN rel r ON r.oid = con.conrelid
LEFT JOIN pg_type t ON t.oid = con.contypid
LEFT JOIN ns tn ON tn.oid = t.typnamespace
WHERE (con.conrelid <> 0 AND r.oid IS NOT NULL) OR (con.contypid <> 0 AND tn.oid IS NOT NULL)
UNION ALL
SELECT 'index ' || format('%I.%I', r.nspname, ic.relname), jsonb_build_object(
           'definition', pg_get_indexdef(i.indexrelid),
           'comment', obj_description(i.indexrelid, 'pg_class'))
FROM pg_index i JOIN rel r ON r.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE i.indisvalid
UNION ALL
SELECT 'trigger ' || r.qname || '.' || quote_ident(tg.tgname), jsonb_build_object(
           'definition', pg_get_triggerdef(tg.oid),
           'enabled', tg.tgenabled::text,
           'comment', obj_description(tg.oid, 'pg_trigger'))
FROM pg_trigger tg JOIN rel r ON r.oid = tg.tgrelid
WHERE NOT tg.tgisinternal
UNION ALL
SELECT 'policy ' || r.qname || '.' || quote_ident(p.polname), jsonb_build_object(
           'command', p.polcmd::text,
           'permissive', CASE WHEN p.polpermissive THEN 'yes' ELSE 'no' END,
           'roles', (SELECT string_agg(CASE WHEN x = 0 THEN 'public' ELSE pg_get_userbyid(x) END, ','
                                       ORDER BY CASE WHEN x = 0 THEN 'public' ELSE pg_get_userbyid(x) END)
                     FROM unnest(p.polroles) x),
           'using', pg_get_expr(p.polqual, p.polrelid),
           'with check', pg_get_expr(p.polwithcheck, p.polrelid),
           'comment', obj_description(p.oid, 'pg_policy'))
FROM pg_policy p JOIN rel r ON r.oid = p.polrelid
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END
           || format('%I.%I', ns.nspname, p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       jsonb_build_object(
           'owner', pg_get_userbyid(p.proowner),
           'acl', (SELECT string_agg(a::text, ',' ORDER BY a::text)
                   FROM unnest(coalesce(p.proacl, acldefault('f', p.proowner))) a),
           'comment', obj_description(p.oid, 'pg_proc'),
           'definition', md5(CASE WHEN p.prokind = 'a'
                                  THEN (SELECT format('%s %s %s %s %s', pg_get_function_result(p.oid), ag.aggtransfn,
                                                      ag.aggfinalfn, ag.aggtranstype::regtype, ag.agginitval)
                                        FROM pg_aggregate ag WHERE ag.aggfnoid = p.oid)
                                  ELSE pg_get_functiondef(p.oid) END))
FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                  AND d.deptype = 'e')
UNION ALL
SELECT 'type ' || format('%I.%I', ns.nspname, t.typname), jsonb_build_object(
           'kind', CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range'
                                  WHEN 'c' THEN 'composite' ELSE 'base' END,
           'owner', pg_get_userbyid(t.typowner),
           'acl', (SELECT string_agg(a::text, ',' ORDER BY a::text)
                   FROM unnest(coalesce(t.typacl, acldefault('T', t.typowner))) a),
           'comment', obj_description(t.oid, 'pg_type'),
           'labels', (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e
                      WHERE e.enumtypid = t.oid),
           'base', CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,
           'not null', CASE WHEN t.typnotnull THEN 'yes' END,
           'default', t.typdefault,
           'subtype', (SELECT rg.rngsubtype::regtype::text FROM pg_range rg WHERE rg.rngtypid = t.oid))
FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r')
  AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c'))
  AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                  AND d.deptype = 'e')
UNION ALL
SELECT 'extension ' || quote_ident(x.extname), jsonb_build_object(
           'version', x.extversion,
           'schema', x.extnamespace::regnamespace::text)
FROM pg_extension x
UNION ALL
SELECT 'default privileges for ' || quote_ident(pg_get_userbyid(da.defaclrole))
           || coalesce(' in ' || quote_ident(dn.nspname), '') || ' on '
           || CASE da.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
                                    WHEN 'T' THEN 'types' ELSE 'schemas' END,
       jsonb_build_object('acl', (SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(da.defaclacl) a))
FROM pg_default_acl da LEFT JOIN pg_namespace dn ON dn.oid = da.defaclnamespace
) objects ORDER BY key
