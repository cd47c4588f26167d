package dev.lockstep.internal.plan;

import dev.lockstep.MigrationState;
import dev.lockstep.MigrationVersion;
import dev.lockstep.Phase;
import dev.lockstep.ValidationIssue.Kind;
import dev.lockstep.ValidationIssue;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.state.Reconciled;
import dev.lockstep.internal.state.StatusLines;
import dev.lockstep.internal.state.TargetState;
import java.util.ArrayList;
import java.util.List;

/** Decides what {@code migrate} and {@code rollback} run. Pure: values in, a {@link Plan} out. */
public final class Planner {
    /** How the one issue that stands for "no applied migration has its file here" begins. */
    public static final String NONE_HERE = "none of the ";

    /** Everything that disagrees between the files and the history. */
    public List<ValidationIssue> validate(List<Reconciled> states, boolean outOfOrder) {
        List<ValidationIssue> issues = new ArrayList<>();
        ValidationIssue noneHere = noneHere(states);
        if (noneHere != null) {
            issues.add(noneHere);
        }
        for (Reconciled r : states) {
            String script = r.migration() == null ? null : r.migration().script();
            switch (r.state()) {
                case CHANGED -> issues.add(new ValidationIssue(Kind.CHECKSUM_CHANGED, r.version(), script,
                        "migration " + r.version() + " was applied, but " + script + " has changed since (checksum "
                                + shortSum(r.lastSuccess().checksum()) + " applied, " + shortSum(r.migration().checksum())
                                + " now)"));
                case MISSING -> {
                    if (noneHere == null) {
                        issues.add(new ValidationIssue(Kind.FILE_MISSING, r.version(), r.lastSuccess().script(),
                                "migration " + r.version() + " was applied from " + r.lastSuccess().script()
                                        + " in the migrations directory, but that file is gone"));
                    }
                }
                case OUT_OF_ORDER -> {
                    if (!outOfOrder) {
                        issues.add(new ValidationIssue(Kind.OUT_OF_ORDER, r.version(), script,
                                "migration " + r.version() + " (" + script + ") is pending, but a higher version is "
                                        + "already applied"));
                    }
                }
                default -> {
                }
            }
            if (r.migration() != null && r.migration().hasDown()) {
                String problem = unreadable(r.migration().down());
                if (problem != null) {
                    issues.add(new ValidationIssue(Kind.DOWN_SCRIPT_UNREADABLE, r.version(), r.migration().down().path(),
                            "the down script of migration " + r.version() + " cannot be read: " + problem));
                }
            }
        }
        return issues;
    }

    /**
     * One issue instead of one per file when several migrations are applied and not one of their files is
     * in the directory: the directory is not the one the history was written from (a wrong --dir), rather
     * than every file gone; null otherwise.
     */
    private static ValidationIssue noneHere(List<Reconciled> states) {
        Reconciled first = null;
        Reconciled last = null;
        int missing = 0;
        for (Reconciled r : states) {
            if (r.lastSuccess() != null && r.migration() != null) {
                return null;
            }
            if (r.state() == MigrationState.MISSING) {
                first = first == null ? r : first;
                last = r;
                missing++;
            }
        }
        if (missing < 2) {
            return null;
        }
        return new ValidationIssue(Kind.FILE_MISSING, first.version(), first.lastSuccess().script(), NONE_HERE
                + missing + " applied migrations (" + first.version() + " to " + last.version() + ", the first applied "
                + "from " + first.lastSuccess().script() + ") is in the migrations directory: it is not the directory "
                + "this database's migrations came from");
    }

    /** The rollbacks that stopped part-way: validate reports them, migrate refuses to run past them. */
    public List<ValidationIssue> stoppedRollbacks(List<Reconciled> states) {
        List<ValidationIssue> issues = new ArrayList<>();
        for (Reconciled r : states) {
            if (r.state() == MigrationState.ROLLBACK_STOPPED) {
                issues.add(new ValidationIssue(Kind.ROLLBACK_STOPPED, r.version(), r.failure().script(),
                        StatusLines.stopped(r.version(), r.failure()) + " (" + r.failure().script() + "): "
                                + r.failure().statementsApplied() + " of its statements ran, so " + r.version()
                                + " is neither applied nor rolled back"));
            }
        }
        return issues;
    }

    public Plan migrate(TargetState state, String target, boolean outOfOrder) {
        return migrate(state, target, outOfOrder, null);
    }

    /**
     * The migrations to apply in a phase: without one (or {@link Phase#EXPAND}) every pending migration but the
     * contract ones, which wait; with {@link Phase#CONTRACT} every pending one, refused while an expand
     * migration is not applied.
     */
    public Plan migrate(TargetState state, String target, boolean outOfOrder, Phase phase) {
        List<Reconciled> states = state.states();
        if (phase == Phase.CONTRACT) {
            PhaseRule.requireExpandApplied(states);
        }
        MigrationSet files = state.files();
        MigrationVersion targetVersion = target == null ? null : parseTarget(target);
        List<ValidationIssue> issues = validate(states, outOfOrder);
        issues.addAll(stoppedRollbacks(states));
        // An unreadable down script stops migrate only for a migration it would apply: the rollback of one
        // already applied is found by validate, status and rollback, and does not hold up new work.
        java.util.Set<String> pending = new java.util.HashSet<>();
        states.stream().filter(r -> r.migration() != null && r.state().runnable()).forEach(r -> pending.add(r.version()));
        issues.removeIf(i -> i.kind() == Kind.DOWN_SCRIPT_UNREADABLE && !pending.contains(i.version()));
        if (targetVersion != null && files.find(targetVersion).isEmpty()) {
            issues.add(new ValidationIssue(Kind.UNKNOWN_TARGET, target, null,
                    "target version " + target + " is not one of the migration files"));
        }
        List<PlanItem> items = new ArrayList<>();
        for (Reconciled r : states) {
            boolean contract = PhaseRule.isContract(r.migration());
            boolean runnable = r.state().runnable() || (contract && r.state() == MigrationState.WAITING);
            if (r.migration() == null || !runnable || (contract && phase != Phase.CONTRACT)
                    || (r.state() == MigrationState.OUT_OF_ORDER && !outOfOrder)) {
                continue;
            }
            boolean versioned = r.migration().version() != null;
            if (versioned && targetVersion != null && r.migration().version().compareTo(targetVersion) > 0) {
                continue;
            }
            PlanItem.Action action = r.state() == MigrationState.PARTIALLY_APPLIED ? PlanItem.Action.RESUME
                    : versioned ? PlanItem.Action.APPLY : PlanItem.Action.REAPPLY;
            items.add(new PlanItem(action, r.migration(), r.failure()));
        }
        return new Plan(List.copyOf(items), List.copyOf(issues), state);
    }

    /** As {@link #rollback(TargetState, Integer, String, boolean)}, refusing partially applied migrations. */
    public Plan rollback(TargetState state, Integer steps, String toVersion) {
        return rollback(state, steps, toVersion, false);
    }

    /**
     * The applied migrations to undo, newest first: {@code steps} of them, or all above {@code toVersion}
     * (which stays applied). Refuses, naming them, when any lacks a down script. A partially applied
     * migration is refused too, unless {@code partial} says to undo what of it was applied with its down
     * script.
     */
    public Plan rollback(TargetState state, Integer steps, String toVersion, boolean partial) {
        List<Reconciled> states = state.states();
        MigrationVersion to = toVersion == null ? null : parseTarget(toVersion);
        List<Reconciled> applied = new ArrayList<>();
        for (Reconciled r : states) {
            if (r.version() != null && (r.state() == MigrationState.APPLIED || r.state() == MigrationState.CHANGED
                    || r.state() == MigrationState.MISSING || r.state() == MigrationState.PARTIALLY_APPLIED
                    || r.state() == MigrationState.ROLLBACK_STOPPED
                    || (r.state() == MigrationState.FAILED && r.lastSuccess() != null))) {
                applied.add(r);
            }
        }
        if (to != null && !applied.isEmpty()) {
            String highest = applied.get(applied.size() - 1).version();
            if (to.compareTo(MigrationVersion.parse(highest)) > 0) {
                // Like migrate --target with a version that is not there: a typo, not a rollback of nothing.
                throw new LockstepException(ErrorCode.USAGE, "--to " + toVersion + " is above the current version "
                        + highest + ": nothing would be rolled back", "give the version to keep, below " + highest
                        + " ('lockstep status' lists them)");
            }
        }
        List<Reconciled> chosen = new ArrayList<>();
        for (int i = applied.size() - 1; i >= 0; i--) {
            Reconciled r = applied.get(i);
            if (to != null ? MigrationVersion.parse(r.version()).compareTo(to) <= 0 : chosen.size() >= steps) {
                break;
            }
            chosen.add(r);
        }
        List<String> problems = new ArrayList<>();
        for (Reconciled r : chosen) {
            if (r.state() == MigrationState.PARTIALLY_APPLIED && !partial) {
                problems.add(r.version() + " is partially applied (run migrate to finish it first, or undo it with "
                        + "its down script: rollback --partial)");
            } else if (r.migration() == null) {
                problems.add(r.version() + " has no file any more");
            } else if (!r.migration().hasDown()) {
                problems.add(r.version() + " (" + r.migration().script() + ") has no down script");
            } else if (r.migration().downIsEmpty()) {
                problems.add("down script of " + r.version() + " is empty (" + r.migration().down().path()
                        + "): write it, or delete it to make " + r.version() + " irreversible");
            }
        }
        if (!problems.isEmpty()) {
            throw new LockstepException(ErrorCode.ROLLBACK_UNAVAILABLE,
                    "cannot roll back: " + String.join("; ", problems),
                    "write the down scripts named, or restore from a backup; nothing was rolled back");
        }
        // A rollback that stopped part-way resumes at its failed statement, as a failed migration does.
        List<PlanItem> items = chosen.stream().map(r -> new PlanItem(PlanItem.Action.ROLLBACK, r.migration(),
                r.state() == MigrationState.ROLLBACK_STOPPED ? r.failure() : null)).toList();
        return new Plan(items, List.of(), state);
    }

    /** Where and why a script cannot be split into statements, or null when it can. */
    private static String unreadable(dev.lockstep.internal.source.Script script) {
        var split = new dev.lockstep.internal.sql.StatementSplitter().split(script.text());
        if (split.ok()) {
            return null;
        }
        var p = split.problems().get(0);
        return script.path() + ":" + script.fileLine(p.line()) + ":" + p.column() + ": " + p.message();
    }

    private static MigrationVersion parseTarget(String target) {
        try {
            return MigrationVersion.parse(target);
        } catch (IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.USAGE, "target: " + e.getMessage(), "give a version such as 3 or 1.2");
        }
    }

    private static String shortSum(String checksum) {
        return checksum == null ? "none" : checksum.substring(0, Math.min(12, checksum.length()));
    }
}
