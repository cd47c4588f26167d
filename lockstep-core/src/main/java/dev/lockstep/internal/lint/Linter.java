package dev.lockstep.internal.lint;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.Directives;
import dev.lockstep.internal.source.ParallelMap;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.source.Script;
import dev.lockstep.internal.sql.SplitResult;
import dev.lockstep.internal.sql.SqlProblem;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.internal.sql.StatementSplitter;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Span;
import dev.lockstep.lint.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Runs the rules over scripts. Pure: scripts and settings in, findings out. Suppressions
 * ({@code -- lockstep:ignore <rule> <reason>}) apply to their whole file; one without a reason, or one
 * that suppresses nothing, is itself a finding; one naming an unknown rule is an error.
 */
public final class Linter {
    private final List<Rule> rules;
    private final LintSettings settings;
    private final int pgVersion;
    private final StatementSplitter splitter = new StatementSplitter();
    /** The rules that run on an up script, worked out once rather than per file. */
    private final Running up;
    /** The rules that run on a down script: those of {@link #up} that check down scripts. */
    private final Running down;
    /** Whether require-down runs (it is off unless enabled): its message is not built for nothing. */
    private final boolean requireDown;
    private static final int KINDS = StatementKind.values().length;

    /**
     * Rules that run, each with its severity as configured and the ordinals of its {@link Rule#kinds()} (null:
     * any statement).
     */
    private record Running(Rule[] rules, Severity[] severities, int[][] kinds) {
    }

    /** @param rules every rule there is; settings may disable some of them */
    public Linter(List<Rule> rules, LintSettings settings, int pgVersion) {
        this.rules = List.copyOf(rules);
        this.settings = settings;
        this.pgVersion = pgVersion;
        List<Rule> onUp = new ArrayList<>();
        List<Rule> onDown = new ArrayList<>();
        for (Rule rule : this.rules) {
            if (runs(rule)) {
                onUp.add(rule);
                if (rule.checksDownScripts()) {
                    onDown.add(rule);
                }
            }
        }
        this.up = running(onUp);
        this.down = running(onDown);
        Rule requireDownRule = byId("require-down").orElse(null);
        this.requireDown = requireDownRule != null && runs(requireDownRule);
    }

    private Running running(List<Rule> rules) {
        Rule[] of = rules.toArray(new Rule[0]);
        Severity[] severities = new Severity[of.length];
        int[][] kinds = new int[of.length][];
        for (int i = 0; i < of.length; i++) {
            severities[i] = settings.severities().getOrDefault(of[i].id(), of[i].severity());
            Set<StatementKind> declared = of[i].kinds();
            if (declared != null) {
                kinds[i] = new int[declared.size()];
                int n = 0;
                for (StatementKind k : declared) {
                    kinds[i][n++] = k.ordinal();
                }
            }
        }
        return new Running(of, severities, kinds);
    }

    /** Whether the script has a statement of one of the kinds (by ordinal); null kinds: any script does. */
    private static boolean hasAny(boolean[] present, int[] kinds) {
        if (kinds == null) {
            return true;
        }
        for (int k : kinds) {
            if (present[k]) {
                return true;
            }
        }
        return false;
    }

    public int pgVersion() {
        return pgVersion;
    }

    public LintReport lint(List<LintInput> inputs) {
        List<Violation> all = new ArrayList<>();
        int statements = 0;
        // Files are linted independently (pure functions of their text), so many can use every core.
        List<Result> results = new ParallelMap<LintInput, Result>() {
            @Override
            protected Result apply(LintInput input) {
                return lintOne(input);
            }
        }.over(inputs);
        for (Result r : results) {
            all.addAll(r.violations());
            statements += r.statements();
        }
        all.sort(BY_PLACE);
        // A file with up and down sections (dbmate, goose) is two scripts but one file.
        Set<String> files = new HashSet<>(inputs.size() * 2);
        for (LintInput input : inputs) {
            files.add(input.script().path());
        }
        return new LintReport(files.size(), statements, pgVersion, List.copyOf(all));
    }

    /** File, line, column, rule: the report's order, whatever order the files were linted in. */
    private static final Comparator<Violation> BY_PLACE = new Comparator<>() {
        @Override
        public int compare(Violation a, Violation b) {
            int c = a.span().file().compareTo(b.span().file());
            if (c == 0) {
                c = Integer.compare(a.span().line(), b.span().line());
            }
            if (c == 0) {
                c = Integer.compare(a.span().column(), b.span().column());
            }
            return c != 0 ? c : a.rule().compareTo(b.rule());
        }
    };

    /** The findings of one script, and how many statements it has. */
    public record Result(List<Violation> violations, int statements) {
    }

    /** The findings of an up script (or a file given by name). */
    public Result lintOne(Script script, Directives directives) {
        return lintOne(new LintInput(script, directives));
    }

    /**
     * What a pending migration must pass before it runs: its up script's findings, its down script's
     * (a down script that cannot run is found now, not when it is needed), and {@code require-down}.
     */
    public List<Violation> lintPending(ResolvedMigration m) {
        List<Violation> out = new ArrayList<>(lintOne(LintInput.up(m)).violations());
        if (m.hasDown()) {
            out.addAll(lintOne(LintInput.down(m)).violations());
        }
        return out;
    }

    /** The findings of a down script about to run (a rollback): only what would make it fail. */
    public List<Violation> lintDown(ResolvedMigration m) {
        return m.hasDown() ? lintOne(LintInput.down(m)).violations() : List.of();
    }

    public Result lintOne(LintInput input) {
        Script script = input.script();
        Directives directives = input.directives();
        IntFunction<String> sourceLine = new SourceLines(script);
        SplitResult split = splitter.split(script.text());
        List<Violation> found = new ArrayList<>();
        if (input.missingDown() && requireDown) {
            add(found, noDown(script, sourceLine));
        }
        if (!split.ok()) {
            add(found, syntaxError(input, split, sourceLine));
            return new Result(found, 0);
        }
        List<LintStatement> statements = new ArrayList<>();
        for (SqlStatement s : split.statements()) {
            statements.add(new LintStatement(s, script.fileLine(s.line()), statements.size(), pgVersion));
        }
        ScriptContext context = new ScriptContext(script.path(), statements,
                Boolean.FALSE.equals(directives.transaction()), pgVersion, directives.lockTimeout());
        Findings findings = new Findings(context, sourceLine);
        Running running = input.down() ? down : up;
        boolean[] present = new boolean[KINDS];
        for (LintStatement s : statements) {
            present[s.kind().ordinal()] = true;
        }
        for (int i = 0; i < running.rules().length; i++) {
            if (hasAny(present, running.kinds()[i])) {
                findings.use(running.rules()[i], running.severities()[i]);
                running.rules()[i].check(context, findings);
            }
        }
        found.addAll(findings.violations());
        return new Result(directives.suppressions().isEmpty() ? found
                : applySuppressions(script, directives, found, sourceLine), statements.size());
    }

    // The findings below are rare: methods of their own keep lintOne short for the JIT.

    private Violation noDown(Script script, IntFunction<String> sourceLine) {
        return meta("require-down", new Span(script.path(), script.firstLine(), 1), "migration " + script.name()
                + " has no down script: it cannot be rolled back", "add a down script that undoes it (or restore "
                + "from a backup when that is the plan)", sourceLine.apply(script.firstLine()));
    }

    private Violation syntaxError(LintInput input, SplitResult split, IntFunction<String> sourceLine) {
        Script script = input.script();
        SqlProblem p = split.problems().get(0);
        int line = script.fileLine(p.line());
        return meta("syntax-error", new Span(script.path(), line, p.column()), p.message()
                        + (input.down() ? " (in the down script)" : ""),
                "fix the file; nothing runs until every pending script can be read", sourceLine.apply(line));
    }

    /** A parsed script, for the lock timeline. */
    public ScriptContext context(Script script, Directives directives) {
        SplitResult split = splitter.split(script.text());
        if (!split.ok()) {
            SqlProblem p = split.problems().get(0);
            throw new LockstepException(ErrorCode.SQL_SYNTAX, script.path() + ":" + script.fileLine(p.line()) + ":"
                    + p.column() + ": " + p.message(), "fix the file; lockstep lint shows every problem");
        }
        List<LintStatement> statements = new ArrayList<>();
        for (SqlStatement s : split.statements()) {
            statements.add(new LintStatement(s, script.fileLine(s.line()), statements.size(), pgVersion));
        }
        return new ScriptContext(script.path(), statements, Boolean.FALSE.equals(directives.transaction()), pgVersion,
                directives.lockTimeout());
    }

    /**
     * The text of a line of the script's file, by its number in the file (a finding quotes it). Lint's
     * path links no lambda: the first one of a process costs a short command ~10 ms (docs/architecture.md).
     */
    private static final class SourceLines implements IntFunction<String> {
        private final Script script;

        SourceLines(Script script) {
            this.script = script;
        }

        @Override
        public String apply(int fileLine) {
            return line(script.text(), fileLine - script.firstLine());
        }
    }

    /** Line {@code index} (0-based) of {@code text} without trailing space; "" when there is none. */
    private static String line(String text, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                return "";
            }
        }
        if (index < 0 || start > text.length()) {
            return "";
        }
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end).stripTrailing();
    }

    private boolean runs(Rule rule) {
        return rule.enabledByDefault() ? !settings.disabled().contains(rule.id()) : settings.enabled().contains(rule.id());
    }

    private List<Violation> applySuppressions(Script script, Directives directives, List<Violation> violations,
                                              IntFunction<String> sourceLine) {
        List<Violation> out = new ArrayList<>();
        Set<String> suppressed = new HashSet<>();
        for (Directives.Suppression s : directives.suppressions()) {
            if (byId(s.rule()).isEmpty()) {
                throw new LockstepException(ErrorCode.MIGRATION_FILES, script.path() + ":" + s.line()
                        + ": lockstep:ignore names unknown rule '" + s.rule() + "'",
                        "lockstep lint --help and docs/lint/ list the rules");
            }
            suppressed.add(s.rule());
            Span at = new Span(script.path(), s.line(), 1);
            if (s.reason().isBlank()) {
                add(out, meta("suppression-without-reason", at, "lockstep:ignore " + s.rule() + " gives no reason",
                        "-- lockstep:ignore " + s.rule() + " <why it is safe here>", sourceLine.apply(s.line())));
            }
            if (!reports(violations, s.rule())) {
                add(out, meta("unused-suppression", at, "lockstep:ignore " + s.rule() + " suppresses nothing in this "
                        + "file", "remove the directive", sourceLine.apply(s.line())));
            }
        }
        for (Violation v : violations) {
            if (!suppressed.contains(v.rule())) {
                out.add(v);
            }
        }
        return out;
    }

    /** A finding of a rule the linter reports itself; null when that rule does not run (a syntax error always does). */
    private Violation meta(String rule, Span at, String message, String fix, String line) {
        Rule r = byId(rule).orElseThrow();
        Severity severity = settings.severities().getOrDefault(rule, r.severity());
        return !runs(r) && !rule.equals("syntax-error") ? null
                : new Violation(rule, severity, at, "", "", "", message, fix, line);
    }

    private static void add(List<Violation> to, Violation v) {
        if (v != null) {
            to.add(v);
        }
    }

    private static boolean reports(List<Violation> violations, String rule) {
        for (Violation v : violations) {
            if (v.rule().equals(rule)) {
                return true;
            }
        }
        return false;
    }

    private java.util.Optional<Rule> byId(String id) {
        for (Rule r : rules) {
            if (r.id().equals(id)) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
