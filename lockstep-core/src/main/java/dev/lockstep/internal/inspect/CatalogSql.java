package dev.lockstep.internal.inspect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog queries of a snapshot: one per kind of object, each over the whole database, so that a
 * schema of thousands of tables takes a dozen round trips. Each has the history schema (left out with the
 * system schemas) as its first parameter; those about tables and what belongs to them also take a modulus
 * and a part, so that two connections can each read the tables whose oid modulo 2 is theirs (one connection
 * loads a table's catalog entries once for its columns, indexes and constraints). Names come quoted as
 * {@code quote_ident} quotes them.
 *
 * <p>The queries are written as templates whose {@code {fragment:arguments}} are expanded once, when the
 * class loads, by plain string building: a command that reads a snapshot starts no faster than its queries
 * are ready.
 */
final class CatalogSql {
    private static final Pattern FRAGMENT = Pattern.compile("\\{(\\w+):([^{}]*)}");

    private CatalogSql() {
    }

    /** The SQL of the fragment {@code name} with its comma-separated arguments; may hold fragments itself. */
    private static String fragment(String name, String[] a) {
        return switch (name) {
            // The schemas a snapshot leaves out: the system ones and the history schema (the parameter).
            case "filter" -> ("$.nspname NOT IN ('pg_catalog', 'information_schema') AND $.nspname NOT LIKE "
                    + "'pg\\_toast%' AND $.nspname NOT LIKE 'pg\\_temp\\_%' AND $.nspname <> ?").replace("$", a[0]);
            // Objects that belong to an extension are described by the extension, not one by one.
            case "ext" -> ("NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '$1'::regclass AND dep.objid = $2 "
                    + "AND dep.deptype = 'e')").replace("$1", a[0]).replace("$2", a[1]);
            case "role" -> ("CASE WHEN $ = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid($)) END").replace("$", a[0]);
            // An ACL as lines of grantee TAB privileges; null when absent or the owner's default.
            case "acl" -> ("CASE WHEN $1 IS NULL OR $1 = acldefault('$2', $3) THEN NULL ELSE {exploded:$1} END")
                    .replace("$1", a[0]).replace("$2", a[1]).replace("$3", a[2]);
            case "exploded" -> ("(SELECT string_agg(g, E'\\n') FROM (SELECT {role:a.grantee} || E'\\t' || string_agg("
                    + "a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, ', ' "
                    + "ORDER BY a.privilege_type COLLATE \"C\") AS g FROM aclexplode($) a GROUP BY a.grantee) x)")
                    .replace("$", a[0]);
            // A comment by pg_description's index (obj_description is a function call per row).
            case "comment" -> ("(SELECT d.description FROM pg_description d WHERE d.objoid = $1 AND d.classoid = "
                    + "'$2'::regclass AND d.objsubid = $3)").replace("$1", a[0]).replace("$2", a[1]).replace("$3", a[2]);
            case "collation" -> ("(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co "
                    + "JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = $)").replace("$", a[0]);
            // One part of the tables, when a snapshot is read on two connections (modulus and part are parameters).
            case "part" -> ("($::int8 % ?::int) = ?::int").replace("$", a[0]);
            case "qualified" -> ("quote_ident($1.nspname) || '.' || quote_ident($2)").replace("$1", a[0])
                    .replace("$2", a[1]);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Expands every fragment of a template, and the fragments those hold. */
    static String expand(String template) {
        Matcher m = FRAGMENT.matcher(template);
        StringBuilder out = new StringBuilder(template.length() * 2);
        int from = 0;
        while (m.find()) {
            out.append(template, from, m.start());
            out.append(expand(fragment(m.group(1), m.group(2).split(",\\s*"))));
            from = m.end();
        }
        return out.append(template, from, template.length()).toString().strip();
    }

    static final String ROLE = "SELECT quote_ident(current_user)";

    static final String SCHEMAS = expand("""
            SELECT quote_ident(n.nspname),
                   CASE WHEN n.nspname = 'public' AND (n.nspowner = 10 OR pg_get_userbyid(n.nspowner) = 'pg_database_owner')
                        THEN NULL ELSE quote_ident(pg_get_userbyid(n.nspowner)) END,
                   obj_description(n.oid, 'pg_namespace'), {acl:n.nspacl, n, n.nspowner}
            FROM pg_namespace n WHERE {filter:n} AND {ext:pg_namespace, n.oid}
            """);

    static final String EXTENSIONS = """
            SELECT quote_ident(e.extname), quote_ident(n.nspname), e.extversion, obj_description(e.oid, 'pg_extension')
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname <> ?
            """;

    static final String TYPES = expand("""
            SELECT t.oid, {qualified:n, t.typname}, t.typtype, quote_ident(pg_get_userbyid(t.typowner)),
                   obj_description(t.oid, 'pg_type'), {acl:t.typacl, T, t.typowner},
                   CASE WHEN t.typtype = 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                        FROM pg_enum e WHERE e.enumtypid = t.oid) END,
                   CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END, t.typnotnull, t.typdefault,
                   CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> (SELECT bt.typcollation
                        FROM pg_type bt WHERE bt.oid = t.typbasetype) THEN {collation:t.typcollation} END,
                   CASE WHEN t.typtype = 'r' THEN (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r
                        WHERE r.rngtypid = t.oid) END,
                   t.typrelid
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c
                   WHERE c.oid = t.typrelid AND c.relkind = 'c')))
              AND {filter:n} AND {ext:pg_type, t.oid}
            """);

    static final String RELATIONS = expand("""
            SELECT c.oid, {qualified:n, c.relname}, c.relkind, quote_ident(pg_get_userbyid(c.relowner)),
                   {comment:c.oid, pg_class, 0}, {acl:c.relacl, r, c.relowner}, c.relrowsecurity, c.relforcerowsecurity,
                   c.relpersistence, array_to_string(c.reloptions, ', '),
                   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                   CASE WHEN c.relispartition THEN (SELECT {qualified:pn, pc.relname} FROM pg_inherits i
                        JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                        WHERE i.inhrelid = c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid) END,
                   CASE WHEN NOT c.relispartition THEN (SELECT string_agg({qualified:pn, pc.relname}, ', ' ORDER BY i.inhseqno)
                        FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
                        JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid) END,
                   CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
                   CASE WHEN c.relkind = 'f' THEN (SELECT quote_ident(s.srvname) FROM pg_foreign_table ft
                        JOIN pg_foreign_server s ON s.oid = ft.ftserver WHERE ft.ftrelid = c.oid) END
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relpersistence <> 't' AND {filter:n}
              AND {part:c.oid} AND {ext:pg_class, c.oid}
            """);

    static final String COLUMNS = expand("""
            SELECT a.attrelid, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,
                   CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN {collation:a.attcollation} END,
                   {comment:a.attrelid, pg_class, a.attnum},
                   CASE WHEN a.attacl IS NULL THEN NULL ELSE {exploded:a.attacl} END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
            WHERE c.relkind IN ('r', 'p', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped AND {filter:n}
              AND {part:a.attrelid}
            ORDER BY a.attrelid, a.attnum
            """);

    static final String CONSTRAINTS = expand("""
            SELECT co.conrelid, co.contypid, quote_ident(co.conname), pg_get_constraintdef(co.oid),
                   {comment:co.oid, pg_constraint, 0}
            FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace
            WHERE co.contype <> 'n' AND {filter:n} AND {part:co.conrelid}
            """);

    /** Indexes that back a primary key, unique or exclusion constraint are that constraint's. */
    static final String INDEXES = expand("""
            SELECT i.indrelid, quote_ident(ic.relname), pg_get_indexdef(i.indexrelid), i.indisvalid,
                   {comment:i.indexrelid, pg_class, 0}
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
            WHERE {filter:n} AND {part:i.indrelid} AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid
                  AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))
            """);

    static final String TRIGGERS = expand("""
            SELECT t.tgrelid, quote_ident(t.tgname), pg_get_triggerdef(t.oid), t.tgenabled, {comment:t.oid, pg_trigger, 0}
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND {filter:n} AND {part:t.tgrelid}
            """);

    static final String POLICIES = expand("""
            SELECT p.polrelid, quote_ident(p.polname), p.polpermissive, p.polcmd,
                   (SELECT string_agg({role:r}, ', ') FROM unnest(p.polroles) r),
                   pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
            FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {filter:n} AND {part:p.polrelid}
            """);

    /** Sequences, but not those of identity columns (the column says so). */
    static final String SEQUENCES = expand("""
            SELECT {qualified:n, c.relname}, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,
                   s.seqmax, s.seqcache, s.seqcycle, quote_ident(pg_get_userbyid(c.relowner)),
                   {comment:c.oid, pg_class, 0}, {acl:c.relacl, s, c.relowner},
                   (SELECT {qualified:tn, tc.relname} || '.' || quote_ident(a.attname) FROM pg_depend d
                    JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
                      AND d.deptype = 'a')
            FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S' AND {filter:n} AND {ext:pg_class, c.oid}
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND d.deptype = 'i')
            """);

    /**
     * Functions, procedures and aggregates, named by their argument types (so that renaming a parameter is
     * a change of the function, not another function). {@code $body} is the body's expression.
     */
    private static final String FUNCTIONS = expand("""
            SELECT {qualified:n, p.proname} || '(' || oidvectortypes(p.proargtypes) || ')', p.prokind,
                   pg_get_function_result(p.oid), pg_get_function_arguments(p.oid),
                   pg_get_function_identity_arguments(p.oid), quote_ident(l.lanname), p.provolatile, p.proisstrict,
                   p.prosecdef, p.proleakproof, p.proparallel, array_to_string(p.proconfig, ', '), $body,
                   quote_ident(pg_get_userbyid(p.proowner)), {comment:p.oid, pg_proc, 0}, {acl:p.proacl, f, p.proowner}
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
            WHERE {filter:n} AND {ext:pg_proc, p.oid}
            """);
    private static final String FUNCTIONS_14 = FUNCTIONS.replace("$body", "CASE WHEN p.prokind = 'a' THEN NULL "
            + "WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) ELSE p.prosrc END");
    private static final String FUNCTIONS_13 = FUNCTIONS.replace("$body", "CASE WHEN p.prokind = 'a' THEN NULL "
            + "ELSE p.prosrc END");

    /** SQL-standard function bodies (PostgreSQL 14+) read back as text. */
    static String functions(int major) {
        return major >= 14 ? FUNCTIONS_14 : FUNCTIONS_13;
    }

    static final String DEFAULT_PRIVILEGES = expand("""
            SELECT quote_ident(pg_get_userbyid(d.defaclrole)),
                   CASE WHEN d.defaclnamespace = 0 THEN NULL ELSE quote_ident(n.nspname) END, d.defaclobjtype,
                   {exploded:d.defaclacl}
            FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
            WHERE n.nspname IS DISTINCT FROM ?
            """);
}
