package dev.lockstep.internal.lint;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.Directives;
import dev.lockstep.internal.source.Script;
import dev.lockstep.internal.sql.SplitResult;
import dev.lockstep.internal.sql.SqlProblem;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementSplitter;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Span;
import dev.lockstep.lint.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

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

    /** @param rules every rule there is; settings may disable some of them */
    public Linter(List<Rule> rules, LintSettings settings, int pgVersion) {
        this.rules = List.copyOf(rules);
        this.settings = settings;
        this.pgVersion = pgVersion;
    }

    public LintReport lint(List<LintInput> inputs) {
        List<Violation> all = new ArrayList<>();
        int statements = 0;
        // Files are linted independently (pure functions of their text), so they can use every core.
        List<Result> results = inputs.size() < 32 ? inputs.stream().map(i -> lintOne(i.script(), i.directives())).toList()
                : inputs.parallelStream().map(i -> lintOne(i.script(), i.directives())).toList();
        for (Result r : results) {
            all.addAll(r.violations());
            statements += r.statements();
        }
        all.sort(Comparator.comparing((Violation v) -> v.span().file()).thenComparingInt(v -> v.span().line())
                .thenComparingInt(v -> v.span().column()).thenComparing(Violation::rule));
        return new LintReport(inputs.size(), statements, pgVersion, List.copyOf(all));
    }

    /** The findings of one script, and how many statements it has. */
    public record Result(List<Violation> violations, int statements) {
    }

    public Result lintOne(Script script, Directives directives) {
        String[] lines = script.text().split("\n", -1);
        java.util.function.IntFunction<String> sourceLine = fileLine -> {
            int i = fileLine - script.firstLine();
            return i >= 0 && i < lines.length ? lines[i].stripTrailing() : "";
        };
        SplitResult split = splitter.split(script.text());
        List<Violation> found = new ArrayList<>();
        if (!split.ok()) {
            SqlProblem p = split.problems().get(0);
            int line = script.fileLine(p.line());
            add(found, meta("syntax-error", new Span(script.path(), line, p.column()), p.message(),
                    "fix the file; nothing runs until every pending script can be read", sourceLine.apply(line)));
            return new Result(found, 0);
        }
        List<LintStatement> statements = new ArrayList<>();
        boolean transactional = !Boolean.FALSE.equals(directives.transaction());
        for (SqlStatement s : split.statements()) {
            statements.add(new LintStatement(s, script.fileLine(s.line()), statements.size()));
            transactional &= s.info().transactional();
        }
        ScriptContext context = new ScriptContext(script.path(), statements, transactional, pgVersion,
                directives.lockTimeout());
        Findings findings = new Findings(context, sourceLine);
        for (Rule rule : rules) {
            if (!settings.disabled().contains(rule.id())) {
                findings.use(rule, settings.severities().getOrDefault(rule.id(), rule.severity()));
                rule.check(context, findings);
            }
        }
        return new Result(applySuppressions(script, directives, findings.violations(), sourceLine), statements.size());
    }

    private List<Violation> applySuppressions(Script script, Directives directives, List<Violation> violations,
                                              java.util.function.IntFunction<String> sourceLine) {
        List<Violation> out = new ArrayList<>();
        Set<String> suppressed = new java.util.HashSet<>();
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
            if (violations.stream().noneMatch(v -> v.rule().equals(s.rule()))) {
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

    /** A finding of a rule the linter reports itself; null when that rule is disabled (a syntax error never is). */
    private Violation meta(String rule, Span at, String message, String fix, String line) {
        Severity severity = settings.severities().getOrDefault(rule,
                byId(rule).map(Rule::severity).orElse(Severity.WARNING));
        return settings.disabled().contains(rule) && !rule.equals("syntax-error") ? null
                : new Violation(rule, severity, at, "", "", "", message, fix, line);
    }

    private static void add(List<Violation> to, Violation v) {
        if (v != null) {
            to.add(v);
        }
    }

    private java.util.Optional<Rule> byId(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
