package dev.lockstep.internal.runbook;

import dev.lockstep.HookCommand;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.spi.RunListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured hooks and the watch, put into the runbook's steps beside the steps they belong to:
 * {@code before-deploy} before preflight, {@code after-backup} after backup, {@code watch-baseline} and
 * {@code before-migrate} before migrate, {@code after-migrate} after it, {@code after-verify} and
 * {@code watch} after verify, {@code on-failure} before undo and {@code after-undo} after it. Only what
 * is configured is added, so a deploy without hooks or watch has the runbook's steps only.
 */
final class StepAttachments {
    private StepAttachments() {
    }

    static List<Step> insert(List<Step> steps, LockstepConfig config, RunListener listener) {
        boolean watching = !config.get(Setting.WATCH_WINDOW).isZero();
        List<String> anchors = steps.stream().map(Step::name).toList();
        for (HookPoint p : HookPoint.values()) {
            if (!anchors.contains(p.anchor)) {
                throw new IllegalStateException("hook " + p.key() + " belongs beside step " + p.anchor
                        + ", which the runbook does not have: " + anchors);
            }
        }
        List<Step> out = new ArrayList<>();
        for (Step core : steps) {
            Step s = watching ? stopsTheWatchOnABug(core) : core;
            if (watching && s.name().equals("migrate")) {
                out.add(WatchSteps.baseline(listener));
            }
            hooks(out, s.name(), true, config, listener);
            out.add(s);
            hooks(out, s.name(), false, config, listener);
            if (watching && s.name().equals("verify")) {
                out.add(WatchSteps.window());
            }
        }
        return List.copyOf(out);
    }

    /**
     * A step whose unexpected error (a bug: every expected failure is a LockstepException, which the deploy
     * records and goes on after) also stops the watch's sampling thread before it leaves the deploy.
     */
    private static Step stopsTheWatchOnABug(Step step) {
        return new Step() {
            @Override
            public String name() {
                return step.name();
            }

            @Override
            public When when() {
                return step.when();
            }

            @Override
            public boolean readOnly() {
                return step.readOnly();
            }

            @Override
            public boolean applies(DeployRun run) {
                return step.applies(run);
            }

            @Override
            public String run(DeployRun run) {
                try {
                    return step.run(run);
                } catch (RuntimeException | Error e) {
                    if (!(e instanceof dev.lockstep.error.LockstepException) && !(e instanceof StepWarning)
                            && run.watcher != null) {
                        run.watcher.close();
                    }
                    throw e;
                }
            }
        };
    }

    private static void hooks(List<Step> out, String anchor, boolean before, LockstepConfig config,
                              RunListener listener) {
        for (HookPoint p : HookPoint.values()) {
            List<HookCommand> commands = config.get(p.setting);
            if (p.anchor.equals(anchor) && p.before == before && !commands.isEmpty()) {
                out.add(new HookStep(p, commands, listener));
            }
        }
    }
}
