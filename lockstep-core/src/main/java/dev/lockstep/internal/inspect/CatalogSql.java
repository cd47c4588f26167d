package dev.lockstep.internal.inspect;

/**
 * The catalog queries of a snapshot: one per kind of object, each over the whole database, so that a
 * schema of thousands of tables takes a dozen round trips. Each has one parameter, the history schema
 * (left out with the system schemas). Names come quoted as {@code quote_ident} quotes them.
 */
final class CatalogSql {
    private CatalogSql() {
    }

    /** The schemas a snapshot leaves out: the system ones and the history schema (the parameter). */
    static String schemaFilter(String n) {
        return n + ".nspname NOT IN ('pg_catalog', 'information_schema') AND " + n + ".nspname NOT LIKE 'pg\\_toast%' "
                + "AND " + n + ".nspname NOT LIKE 'pg\\_temp\\_%' AND " + n + ".nspname <> ?";
    }

    /** Objects that belong to an extension are described by the extension, not one by one. */
    static String notInExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '" + catalog + "'::regclass AND dep.objid = "
                + oid + " AND dep.deptype = 'e')";
    }

    private static String role(String oid) {
        return "CASE WHEN " + oid + " = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(" + oid + ")) END";
    }

    /** An ACL as lines of {@code grantee TAB privileges}; null when it is absent or the owner's default. */
    static String acl(String acl, String kind, String owner) {
        return "CASE WHEN " + acl + " IS NULL OR " + acl + " = acldefault('" + kind + "', " + owner + ") THEN NULL ELSE "
                + exploded(acl) + " END";
    }

    /** Every entry of an ACL as lines of {@code grantee TAB privileges}. */
    static String exploded(String acl) {
        return "(SELECT string_agg(g, E'\\n') FROM (SELECT " + role("a.grantee") + " || E'\\t' || string_agg("
                + "a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, ', ' "
                + "ORDER BY a.privilege_type COLLATE \"C\") AS g FROM aclexplode(" + acl + ") a GROUP BY a.grantee) x)";
    }

    /** A comment, as a subquery on pg_description's index (obj_description is a function call per row). */
    private static String comment(String oid, String catalog, String subid) {
        return "(SELECT d.description FROM pg_description d WHERE d.objoid = " + oid + " AND d.classoid = '" + catalog
                + "'::regclass AND d.objsubid = " + subid + ")";
    }

    private static String collation(String oid) {
        return "(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co "
                + "JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = " + oid + ")";
    }

    private static String qualified(String n, String name) {
        return "quote_ident(" + n + ".nspname) || '.' || quote_ident(" + name + ")";
    }

    static final String ROLE = "SELECT quote_ident(current_user)";

    static final String SCHEMAS = "SELECT quote_ident(n.nspname), CASE WHEN n.nspname = 'public' AND (n.nspowner = 10 "
            + "OR pg_get_userbyid(n.nspowner) = 'pg_database_owner') THEN NULL ELSE quote_ident(pg_get_userbyid("
            + "n.nspowner)) END, obj_description(n.oid, 'pg_namespace'), " + acl("n.nspacl", "n", "n.nspowner")
            + " FROM pg_namespace n WHERE " + schemaFilter("n") + " AND " + notInExtension("pg_namespace", "n.oid");

    static final String EXTENSIONS = "SELECT quote_ident(e.extname), quote_ident(n.nspname), e.extversion, "
            + "obj_description(e.oid, 'pg_extension') FROM pg_extension e JOIN pg_namespace n ON n.oid = "
            + "e.extnamespace WHERE n.nspname <> ?";

    static final String TYPES = "SELECT t.oid, " + qualified("n", "t.typname") + ", t.typtype, "
            + "quote_ident(pg_get_userbyid(t.typowner)), obj_description(t.oid, 'pg_type'), "
            + acl("t.typacl", "T", "t.typowner") + ", "
            + "CASE WHEN t.typtype = 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY "
            + "e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) END, "
            + "CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END, t.typnotnull, t.typdefault, "
            + "CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> (SELECT bt.typcollation FROM "
            + "pg_type bt WHERE bt.oid = t.typbasetype) THEN " + collation("t.typcollation") + " END, "
            + "CASE WHEN t.typtype = 'r' THEN (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE "
            + "r.rngtypid = t.oid) END, t.typrelid "
            + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE (t.typtype IN ('e', 'd', 'r') OR "
            + "(t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c'))) "
            + "AND " + schemaFilter("n") + " AND " + notInExtension("pg_type", "t.oid");

    static final String RELATIONS = "SELECT c.oid, " + qualified("n", "c.relname") + ", c.relkind, "
            + "quote_ident(pg_get_userbyid(c.relowner)), " + comment("c.oid", "pg_class", "0") + ", "
            + acl("c.relacl", "r", "c.relowner") + ", c.relrowsecurity, c.relforcerowsecurity, c.relpersistence, "
            + "array_to_string(c.reloptions, ', '), CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, "
            + "CASE WHEN c.relispartition THEN (SELECT " + qualified("pn", "pc.relname") + " FROM pg_inherits i JOIN "
            + "pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = "
            + "c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid) END, "
            + "CASE WHEN NOT c.relispartition THEN (SELECT string_agg(" + qualified("pn", "pc.relname") + ", ', ' "
            + "ORDER BY i.inhseqno) FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn "
            + "ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid) END, "
            + "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END, "
            + "CASE WHEN c.relkind = 'f' THEN (SELECT quote_ident(s.srvname) FROM pg_foreign_table ft JOIN "
            + "pg_foreign_server s ON s.oid = ft.ftserver WHERE ft.ftrelid = c.oid) END "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', "
            + "'f') AND c.relpersistence <> 't' AND " + schemaFilter("n") + " AND " + notInExtension("pg_class", "c.oid");

    static final String COLUMNS = "SELECT a.attrelid, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), "
            + "a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated, "
            + "CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN " + collation("a.attcollation")
            + " END, " + comment("a.attrelid", "pg_class", "a.attnum") + ", CASE WHEN a.attacl IS NULL THEN NULL ELSE "
            + exploded("a.attacl") + " END "
            + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = "
            + "a.attnum WHERE c.relkind IN ('r', 'p', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped AND "
            + schemaFilter("n") + " ORDER BY a.attrelid, a.attnum";

    static final String CONSTRAINTS = "SELECT co.conrelid, co.contypid, quote_ident(co.conname), "
            + "pg_get_constraintdef(co.oid), " + comment("co.oid", "pg_constraint", "0") + " FROM pg_constraint co JOIN "
            + "pg_namespace n ON n.oid = co.connamespace WHERE co.contype <> 'n' AND " + schemaFilter("n");

    static final String INDEXES = "SELECT i.indrelid, quote_ident(ic.relname), pg_get_indexdef(i.indexrelid), "
            + "i.indisvalid, " + comment("i.indexrelid", "pg_class", "0") + " FROM pg_index i JOIN pg_class ic ON ic.oid = "
            + "i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE " + schemaFilter("n") + " AND NOT "
            + "EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid "
            + "AND co.contype IN ('p', 'u', 'x'))";

    static final String TRIGGERS = "SELECT t.tgrelid, quote_ident(t.tgname), pg_get_triggerdef(t.oid), t.tgenabled, "
            + comment("t.oid", "pg_trigger", "0") + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN "
            + "pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND " + schemaFilter("n");

    static final String POLICIES = "SELECT p.polrelid, quote_ident(p.polname), p.polpermissive, p.polcmd, "
            + "(SELECT string_agg(" + role("r") + ", ', ') FROM unnest(p.polroles) r), "
            + "pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid) FROM pg_policy p JOIN "
            + "pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + schemaFilter("n");

    static final String SEQUENCES = "SELECT " + qualified("n", "c.relname") + ", format_type(s.seqtypid, NULL), "
            + "s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
            + "quote_ident(pg_get_userbyid(c.relowner)), " + comment("c.oid", "pg_class", "0") + ", "
            + acl("c.relacl", "s", "c.relowner") + ", (SELECT " + qualified("tn", "tc.relname") + " || '.' || "
            + "quote_ident(a.attname) FROM pg_depend d JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON "
            + "tn.oid = tc.relnamespace JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
            + "WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND "
            + "d.deptype = 'a') FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid JOIN pg_namespace n ON n.oid = "
            + "c.relnamespace WHERE c.relkind = 'S' AND " + schemaFilter("n") + " AND " + notInExtension("pg_class", "c.oid")
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
            + "AND d.deptype = 'i')";

    /**
     * Functions, procedures and aggregates, named by their argument types (so that renaming a parameter is
     * a change of the function, not another function); SQL-standard bodies (PostgreSQL 14+) read back as text.
     */
    static String functions(int major) {
        String body = major >= 14
                ? "CASE WHEN p.prokind = 'a' THEN NULL WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) "
                + "ELSE p.prosrc END"
                : "CASE WHEN p.prokind = 'a' THEN NULL ELSE p.prosrc END";
        return "SELECT " + qualified("n", "p.proname") + " || '(' || oidvectortypes(p.proargtypes) || ')', "
                + "p.prokind, pg_get_function_result(p.oid), pg_get_function_arguments(p.oid), "
                + "pg_get_function_identity_arguments(p.oid), quote_ident(l.lanname), p.provolatile, p.proisstrict, "
                + "p.prosecdef, p.proleakproof, p.proparallel, array_to_string(p.proconfig, ', '), " + body + ", "
                + "quote_ident(pg_get_userbyid(p.proowner)), " + comment("p.oid", "pg_proc", "0") + ", "
                + acl("p.proacl", "f", "p.proowner") + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "JOIN pg_language l ON l.oid = p.prolang WHERE " + schemaFilter("n") + " AND "
                + notInExtension("pg_proc", "p.oid");
    }

    static final String DEFAULT_PRIVILEGES = "SELECT quote_ident(pg_get_userbyid(d.defaclrole)), "
            + "CASE WHEN d.defaclnamespace = 0 THEN NULL ELSE quote_ident(n.nspname) END, d.defaclobjtype, "
            + exploded("d.defaclacl") + " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace "
            + "WHERE n.nspname IS DISTINCT FROM ?";
}
