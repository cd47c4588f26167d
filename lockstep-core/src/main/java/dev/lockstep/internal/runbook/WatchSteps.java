package dev.lockstep.internal.runbook;

import dev.lockstep.DeployResult;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.watch.Watch;
import dev.lockstep.spi.RunListener;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy --watch}: {@code watch-baseline} starts sampling before the migration and waits for the
 * baseline; {@code watch}, after verify, waits out the window after the migration and fails when a
 * threshold was broken, so that the undo and the notification follow. After an earlier failure it
 * stops the sampling and keeps what was sampled for the report.
 */
final class WatchSteps {
    private WatchSteps() {
    }

    static Step baseline(RunListener listener) {
        return new Step() {
            @Override
            public String name() {
                return "watch-baseline";
            }

            @Override
            public When when() {
                return When.UNTIL_FAILURE;
            }

            @Override
            public boolean readOnly() {
                return false;
            }

            @Override
            public String run(DeployRun run) {
                run.watcher = Watch.start(run.config(), listener);
                int samples = run.watcher.awaitBaseline();
                return samples + " sample(s) before the migration; then " + Watch.describe(run.config());
            }
        };
    }

    static Step window() {
        return new Step() {
            @Override
            public String name() {
                return "watch";
            }

            @Override
            public When when() {
                return When.ALWAYS;
            }

            @Override
            public boolean readOnly() {
                return false;
            }

            @Override
            public String run(DeployRun run) {
                if (run.watcher == null) {
                    return "not started";
                }
                DeployResult.Step migrate = step(run, "migrate");
                Instant start = migrate == null ? null : Instant.parse(migrate.startedAt());
                Instant end = migrate == null ? null : start.plusMillis(migrate.durationMs());
                if (run.failure != null || migrate == null || !migrate.outcome().equals("ok")) {
                    run.watch = run.watcher.stop(start, end);
                    return "stopped after the failure; " + run.watch.samples() + " sample(s) in the report";
                }
                Watch.Outcome o = run.watcher.until(start, end);
                run.watch = o.report();
                run.auditExtras.put(name(), Map.of("watch", Map.of("outcome", o.report().outcome(), "samples",
                        o.report().samples(), "breaches", o.report().breaches())));
                if (o.breach() != null) {
                    throw new LockstepException(ErrorCode.VALIDATION, "watch: " + o.breach(),
                            "the report charts every sample; undo with --on-failure rollback|restore, or tune the "
                                    + "[watch] thresholds");
                }
                return o.report().samples() + " sample(s), no threshold broken";
            }
        };
    }

    private static DeployResult.Step step(DeployRun run, String name) {
        List<DeployResult.Step> steps = run.steps;
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).name().equals(name)) {
                return steps.get(i);
            }
        }
        return null;
    }
}
