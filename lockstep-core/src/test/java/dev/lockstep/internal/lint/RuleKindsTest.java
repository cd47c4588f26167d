package dev.lockstep.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.source.DirectiveParser;
import dev.lockstep.internal.source.Directives;
import dev.lockstep.internal.source.Script;
import dev.lockstep.internal.sql.StatementKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A rule that declares {@link Rule#kinds()} is not run on a script without a statement of those kinds, so it
 * must find nothing in one. Checked by running each such rule itself on every script of the test resources
 * (every rule's fixtures, the safe migrations and the rest), for several PostgreSQL versions: where the script
 * has none of the rule's kinds, the rule reports nothing. And no declaration is empty: each rule's own bad
 * fixtures have a statement of its kinds.
 */
class RuleKindsTest {
    private static final Path RESOURCES = Path.of("src/test/resources");

    /** Statements of the kinds rules declare, beyond the resources' (a bare CLUSTER, MERGE, REINDEX DATABASE...). */
    private static final List<String> MORE = List.of("CLUSTER;", "CLUSTER VERBOSE;", "CLUSTER t USING t_i;",
            "REINDEX DATABASE d;", "REINDEX SCHEMA s;", "REINDEX TABLE t;", "REINDEX INDEX i;", "VACUUM FULL t;",
            "VACUUM (FULL, ANALYZE) t;", "TRUNCATE t CASCADE;", "DROP DATABASE d;", "DROP TABLE t;", "DROP INDEX i;",
            "REFRESH MATERIALIZED VIEW v;", "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = 1, a = 2;",
            "INSERT INTO t (a, a) VALUES (1, 2);", "UPDATE t SET a = 1, a = 2;",
            "BEGIN;\nALTER TYPE e ADD VALUE 'x';\nINSERT INTO t VALUES ('x');\nCOMMIT;",
            "BEGIN;\nALTER TABLE t ADD COLUMN c int;\nUPDATE t SET c = 1;\nCOMMIT;",
            "BEGIN;\nALTER TABLE t ADD COLUMN c int;\nDELETE FROM t;\nCOMMIT;",
            "ALTER TABLE t DETACH PARTITION p;", "ALTER TABLE t RENAME TO u;", "ALTER TABLE t RENAME COLUMN a TO b;",
            "ALTER TABLE t ALTER COLUMN a SET NOT NULL;", "ALTER TABLE t VALIDATE CONSTRAINT c;",
            "ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES u;", "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a);",
            "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);", "ALTER TABLE t ALTER COLUMN a TYPE bigint;",
            "ALTER TABLE t DROP COLUMN a;", "ALTER TABLE t ALTER COLUMN a DROP NOT NULL;",
            "ALTER TABLE t ADD COLUMN a serial PRIMARY KEY;", "ALTER TABLE t ADD COLUMN a int NOT NULL;",
            "ALTER TABLE t ADD COLUMN a timestamptz DEFAULT now();", "ALTER TABLE t ATTACH PARTITION p FOR VALUES IN (1);",
            "ALTER TABLE t ADD COLUMN a int REFERENCES u, ADD COLUMN b int UNIQUE, ADD COLUMN c int CHECK (c > 0);",
            "BEGIN;\nALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c;\nCOMMIT;",
            "COMMIT PREPARED 'x';", "PREPARE TRANSACTION 'x';", "COMMIT;", "BEGIN;\nBEGIN;\nCOMMIT;", "SAVEPOINT s;",
            "SELECT set_config('lock_timeout', '1s', true);\nCREATE INDEX CONCURRENTLY i ON t (a);",
            "SET LOCAL lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY i ON t (a);",
            "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;", "BEGIN;\nVACUUM t;\nCOMMIT;",
            "BEGIN;\nREINDEX TABLE CONCURRENTLY t;\nCOMMIT;", "ALTER TABLE t ADD COLUMN a int;\nVACUUM t;",
            "CREATE DOMAIN d AS int CHECK (VALUE > 0);", "ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0);");

    private static List<Script> scripts() throws IOException {
        List<Script> out = new ArrayList<>();
        for (int i = 0; i < MORE.size(); i++) {
            out.add(new Script("more-" + i + ".sql", "more-" + i + ".sql", MORE.get(i) + "\n", 1));
        }
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                out.add(new Script(f.toString(), f.getFileName().toString(), Files.readString(f), 1));
            }
        }
        return out;
    }

    private static boolean hasKind(ScriptContext context, Set<StatementKind> kinds) {
        for (LintStatement s : context.statements()) {
            if (kinds.contains(s.kind())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aRuleFindsNothingInAScriptWithoutTheKindsItDeclares() throws IOException {
        List<Script> scripts = scripts();
        assertThat(scripts).hasSizeGreaterThan(100);
        int checked = 0;
        int withoutKinds = 0;
        for (int pgVersion : new int[] {11, 13, 15, 18}) {
            Linter linter = BuiltInRules.linter(RuleFixturesTest.ALL_RULES, pgVersion);
            for (Script script : scripts) {
                ScriptContext context;
                Directives directives;
                try {
                    directives = new DirectiveParser().parse(script);
                    context = linter.context(script, directives);
                } catch (LockstepException unreadable) {
                    continue; // a fixture of a syntax error or a bad directive: no statement to judge
                }
                for (Rule rule : BuiltInRules.all()) {
                    Set<StatementKind> kinds = rule.kinds();
                    if (kinds == null) {
                        continue;
                    }
                    Findings findings = new Findings(context, line -> "");
                    findings.use(rule, rule.severity());
                    rule.check(context, findings);
                    checked++;
                    if (!hasKind(context, kinds)) {
                        withoutKinds++;
                        assertThat(findings.violations()).as("%s on %s (PostgreSQL %d), which has none of %s",
                                rule.id(), script.path(), pgVersion, kinds).isEmpty();
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
        assertThat(withoutKinds).isGreaterThan(checked / 2);
    }

    @Test
    void eachRulesOwnBadFixturesHaveAStatementOfItsKinds() throws IOException {
        Linter linter = BuiltInRules.linter(RuleFixturesTest.ALL_RULES, 15);
        int rules = 0;
        for (Rule rule : BuiltInRules.all()) {
            if (rule.kinds() == null) {
                continue;
            }
            rules++;
            Path dir = RESOURCES.resolve("lint").resolve(rule.id());
            assertThat(dir).as("fixtures of " + rule.id()).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path bad : files.filter(p -> p.getFileName().toString().startsWith("bad")).toList()) {
                    Script script = new Script(bad.toString(), bad.getFileName().toString(), Files.readString(bad), 1);
                    if (rule.id().equals("syntax-error") && !new dev.lockstep.internal.sql.StatementSplitter()
                            .split(script.text()).ok()) {
                        continue; // found by the splitter: a file that cannot be split has no statements to have kinds
                    }
                    ScriptContext context = linter.context(script, new DirectiveParser().parse(script));
                    assertThat(hasKind(context, rule.kinds())).as(bad + " has a statement of " + rule.kinds()).isTrue();
                }
            }
        }
        assertThat(rules).isGreaterThanOrEqualTo(27);
    }
}
