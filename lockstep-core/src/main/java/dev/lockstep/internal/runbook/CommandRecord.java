package dev.lockstep.internal.runbook;

import dev.lockstep.AppliedMigration;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateFailedException;
import dev.lockstep.MigrateResult;
import dev.lockstep.RestoreMismatchException;
import dev.lockstep.RestoreResult;
import dev.lockstep.RollbackOptions;
import dev.lockstep.Setting;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.notify.Notifications;
import dev.lockstep.spi.RunListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a command outside {@code deploy} leaves behind. A rollback or a restore (each undoes changes)
 * appends an audit line, writes a JSON report ({@code reports/<run id>.json}) and tells the notifiers how
 * it ended, with what it undid; any other command tells them when it fails. Recording never fails the
 * command: a report or webhook that cannot be written is a notice.
 */
public final class CommandRecord {
    private final Operations ops;
    private final RunListener listener;
    private final String user;
    /** Looked up only when a record is written: resolving the host name costs a command that records nothing. */
    private final java.util.function.Supplier<String> host;

    public CommandRecord(Operations ops, RunListener listener, String user, java.util.function.Supplier<String> host) {
        this.ops = ops;
        this.listener = listener;
        this.user = user;
        this.host = host;
    }

    public MigrateResult rollback(RollbackOptions options) {
        if (options.dryRun()) {
            return notifyingFailure("rollback", () -> ops.rollback(options));
        }
        return recorded("rollback", () -> ops.rollback(options),
                e -> e instanceof MigrateFailedException m ? m.partial() : null, (r, facts) -> {
                    facts.put("runId", r.runId());
                    facts.put("undone", versions(r.executed()));
                    facts.put("versionAfter", r.versionAfter());
                    return r.executed().isEmpty() ? "nothing rolled back" : "rolled back " + String.join(", ",
                            versions(r.executed())) + "; now at version "
                            + (r.versionAfter() == null ? "none" : r.versionAfter());
                });
    }

    public RestoreResult restore(Path file, String toNew) {
        return recorded("restore", () -> ops.restore(file, toNew),
                e -> e instanceof RestoreMismatchException m ? m.result() : null, (r, facts) -> {
                    facts.put("backup", r.file());
                    facts.put("database", r.database());
                    facts.put("identical", r.identical());
                    facts.put("differences", r.differences().size());
                    return "restored " + r.file() + " into " + r.database() + (r.identical() == null ? ""
                            : r.identical() ? ", identical to the backup of " + r.backupTakenAt()
                            : ", which differs from the backup in " + r.differences().size() + " way(s)");
                });
    }

    /** Runs another command; when it fails, the notifiers are told (the error still goes to the caller). */
    public <T> T notifyingFailure(String command, Supplier<T> body) {
        try {
            return body.get();
        } catch (LockstepException e) {
            failed(command, e);
            throw e;
        }
    }

    /** Tells the notifiers of {@code [notify]} that a command failed. */
    public void failed(String command, LockstepException e) {
        Map<String, Object> facts = facts(command, HistoryStore.newRunId(), "failure");
        facts.put("error", e.code().name());
        facts.put("message", firstLine(e));
        facts.put("hint", e.hint());
        notifications().send("failure", where() + ": " + command + " failed: " + firstLine(e), facts);
    }

    private interface Describe<T> {
        /** Puts the result's facts; returns one line for people. */
        String describe(T result, Map<String, Object> facts);
    }

    /**
     * @param partialOf what a failure carries of the result (a rollback's migrations undone before it, a
     *                  restore that found differences), or null
     */
    private <T> T recorded(String command, Supplier<T> body, Function<LockstepException, T> partialOf,
                           Describe<T> describe) {
        LockstepConfig config = ops.config();
        Instant started = config.clock().instant();
        T result = null;
        LockstepException failure = null;
        try {
            result = body.get();
        } catch (LockstepException e) {
            failure = e;
        }
        T shown = failure == null ? result : partialOf.apply(failure);
        Map<String, Object> facts = facts(command, HistoryStore.newRunId(), failure == null ? "success" : "failure");
        String detail = shown == null ? null : describe.describe(shown, facts);
        if (failure != null) {
            facts.put("error", failure.code().name());
            facts.put("message", firstLine(failure));
            detail = firstLine(failure) + (detail == null ? "" : " (" + detail + ")");
        }
        Path report = config.workDir().resolve("reports").resolve(facts.get("runId") + ".json");
        facts.put("report", config.shown(report));
        long took = Duration.between(started, config.clock().instant()).toMillis();
        writeReport(report, facts, shown, failure, started, took);
        Map<String, Object> entry = new LinkedHashMap<>(facts);
        entry.put("step", command);
        entry.put("startedAt", started.toString());
        entry.put("finishedAt", started.plusMillis(took).toString());
        entry.put("durationMs", took);
        entry.put("detail", detail);
        new AuditLog(config.workDir().resolve(".lockstep").resolve("audit.jsonl"),
                config.get(Setting.AUDIT_TABLE) ? config : null, listener).append(entry);
        notifications().send(failure == null ? "success" : "failure", where() + ": " + command
                + (failure == null ? " done: " : " failed: ") + detail + " (report " + facts.get("report") + ")", facts);
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    private Map<String, Object> facts(String command, String runId, String outcome) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("command", command);
        facts.put("runId", runId);
        facts.put("environment", ops.config().environment());
        facts.put("user", user);
        facts.put("host", host.get());
        facts.put("outcome", outcome);
        return facts;
    }

    private void writeReport(Path report, Map<String, Object> facts, Object result, LockstepException failure,
                             Instant started, long took) {
        Map<String, Object> doc = new LinkedHashMap<>(facts);
        doc.put("startedAt", started.toString());
        doc.put("durationMs", took);
        doc.put("result", result);
        if (failure != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", failure.code().name());
            error.put("message", failure.getMessage());
            error.put("hint", failure.hint());
            doc.put("error", error);
        }
        try {
            Reports.writeJson(report, doc);
        } catch (IOException e) {
            listener.notice("could not write the report " + report + ": " + e.getMessage());
        }
    }

    private Notifications notifications() {
        return Notifications.of(ops.config(), listener);
    }

    private String where() {
        return ops.config().environment() != null ? ops.config().environment() : "(no --env)";
    }

    private static List<String> versions(List<AppliedMigration> migrations) {
        return migrations.stream().map(a -> a.version() == null ? a.description() : a.version()).toList();
    }

    private static String firstLine(LockstepException e) {
        return e.getMessage().lines().findFirst().orElse("");
    }
}
