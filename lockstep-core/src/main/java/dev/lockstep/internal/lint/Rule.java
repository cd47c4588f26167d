package dev.lockstep.internal.lint;

import dev.lockstep.lint.RuleInfo;
import dev.lockstep.lint.Severity;
import dev.lockstep.internal.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One lint rule. Its id is its class name in kebab case ({@code RequireConcurrentIndex} ↔
 * {@code require-concurrent-index} ↔ {@code docs/lint/require-concurrent-index.md}); the texts that
 * make its docs page live here too, so the page is generated from the rule.
 */
public abstract class Rule {
    private final String id;

    protected Rule() {
        // The class's name without its package: what getSimpleName gives a top-level class, without the
        // reflection it does (fifty rules are made at the start of every lint).
        String name = getClass().getName();
        name = name.substring(name.lastIndexOf('.') + 1);
        this.id = kebab(name.indexOf('$') < 0 ? name : getClass().getSimpleName());
    }

    public final String id() {
        return id;
    }

    public abstract Severity severity();

    /** One line: what the rule finds. */
    public abstract String summary();

    /** Why it hurts, for the docs page. */
    public abstract String why();

    /** What to write instead, as SQL or advice, for the docs page. */
    public abstract String instead();

    /** Example SQL the rule reports, for the docs page. */
    public abstract String example();

    public abstract void check(ScriptContext script, Findings findings);

    /**
     * Whether the rule also checks down scripts. Down scripts undo: dropping what the up script made is
     * their job, so only the rules that say a script would fail to run apply to them.
     */
    public boolean checksDownScripts() {
        return false;
    }

    /**
     * The kinds of statement this rule's findings can be about, or null when any statement's can: the
     * linter does not run the rule on a script without one of them (most rules concern a few kinds, and a
     * lint of many files would otherwise run, and compile, every rule on every file). A rule that declares
     * kinds must find nothing in a script without them; {@code RuleKindsTest} checks that on every fixture.
     */
    public Set<StatementKind> kinds() {
        return null;
    }

    /** Every kind of ALTER TABLE: the statements with {@link LintStatement#alterActions()}. */
    protected static final Set<StatementKind> ALTER_TABLE = kindsWhere(true);
    /** Every kind of statement that cannot run in a transaction block (CREATE INDEX CONCURRENTLY, VACUUM...). */
    protected static final Set<StatementKind> NOT_TRANSACTIONAL = kindsWhere(false);

    /** The kinds of ALTER TABLE ({@code alterTable}), or else the kinds that cannot run in a transaction. */
    private static Set<StatementKind> kindsWhere(boolean alterTable) {
        List<StatementKind> out = new ArrayList<>();
        for (StatementKind k : StatementKind.values()) {
            if (alterTable ? k.alterTable() : !k.transactional()) {
                out.add(k);
            }
        }
        return Set.copyOf(out);
    }

    /** Whether the rule runs unless disabled; false: it runs only when enabled ({@code [lint] enable}). */
    public boolean enabledByDefault() {
        return true;
    }

    public final RuleInfo info() {
        return new RuleInfo(id, severity(), summary());
    }

    static String kebab(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(camel.charAt(i - 1))) {
                sb.append('-');
            }
            sb.append(c);
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
