package dev.lockstep.internal.execute;

import dev.lockstep.MigrationInfo;
import dev.lockstep.MigrationState;
import dev.lockstep.Setting;
import dev.lockstep.LockstepConfig;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.lint.LintInput;
import dev.lockstep.internal.lint.LintRun;
import dev.lockstep.internal.lint.Linter;
import dev.lockstep.internal.sql.SplitResult;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementSplitter;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.Verdict;
import dev.lockstep.lint.Violation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code lint} against a database: each finding gets the verdict the migrate gate would give it if the
 * linted scripts ran now, in order. When the migrations directory is linted, the migrations the
 * history already records as applied are not run again, so their findings never block.
 */
public final class LintVerdicts {
    private final LockstepConfig config;
    private final Linter linter;

    public LintVerdicts(LockstepConfig config, Linter linter) {
        this.config = config;
        this.linter = linter;
    }

    public LintReport judge(Connection c, LintRun.Inputs inputs, LintReport report) throws SQLException {
        Set<String> applied = applied(c, inputs);
        StatementSplitter splitter = new StatementSplitter();
        List<TablesInRun.Step> steps = new ArrayList<>();
        Map<LintInput, Integer> stepOf = new IdentityHashMap<>();
        Map<String, List<LintInput>> inputsOfFile = new HashMap<>();
        for (LintInput input : inputs.scripts()) {
            inputsOfFile.computeIfAbsent(input.script().path(), k -> new ArrayList<>()).add(input);
            // A down script does not run in a migrate: its findings are judged with its migration's.
            if (input.down() || input.version() != null && applied.contains(input.version())) {
                continue;
            }
            SplitResult split = splitter.split(input.script().text());
            stepOf.put(input, steps.size());
            steps.add(new TablesInRun.Step(input.version() == null ? input.script().path()
                    : "migration " + input.version(), split.ok() ? split.statements() : List.of()));
        }
        TablesInRun tables = TablesInRun.of(steps, TableStats.read(c, TablesInRun.names(steps)));
        LintGate gate = new LintGate(linter, config);
        List<Violation> judged = new ArrayList<>();
        for (Violation v : report.violations()) {
            LintInput input = owner(inputsOfFile.get(v.span().file()), v);
            if (input == null) {
                judged.add(v);
            } else if (input.version() != null && applied.contains(input.version())) {
                judged.add(v.withVerdict(Verdict.passes("migration " + input.version()
                        + " is applied; migrate does not run it again")));
            } else if (input.down()) {
                // Only what would make the down script fail is found in it: no table makes that harmless.
                judged.addAll(gate.judge(input.version(), 0, input.script(), List.of(), List.of(v), tables));
            } else {
                int step = stepOf.get(input);
                judged.addAll(gate.judge(input.version(), step, input.script(), steps.get(step).statements(),
                        List.of(v), tables));
            }
        }
        return new LintReport(report.files(), report.statements(), report.pgVersion(), List.copyOf(judged));
    }

    /** The script of a file a finding is in: the last one starting at or before its line (a file may hold two sections). */
    private static LintInput owner(List<LintInput> candidates, Violation v) {
        if (candidates == null) {
            return null;
        }
        LintInput found = candidates.get(0);
        for (LintInput in : candidates) {
            if (in.script().firstLine() <= v.span().line() && in.script().firstLine() >= found.script().firstLine()) {
                found = in;
            }
        }
        return found;
    }

    /** The versions the history counts as applied, when the migrations directory is what was linted. */
    private Set<String> applied(Connection c, LintRun.Inputs inputs) throws SQLException {
        Set<String> out = new HashSet<>();
        if (inputs.migrations() == null) {
            return out;
        }
        HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
        TargetState state = history.readState(c, inputs.migrations());
        for (MigrationInfo m : state.lines()) {
            if (m.version() != null && (m.state() == MigrationState.APPLIED || m.state() == MigrationState.CHANGED
                    || m.state() == MigrationState.BELOW_BASELINE)) {
                out.add(m.version());
            }
        }
        return out;
    }
}
