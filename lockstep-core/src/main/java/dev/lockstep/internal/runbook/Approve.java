package dev.lockstep.internal.runbook;

import dev.lockstep.Approval;
import dev.lockstep.DeployPlan;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Phase;
import dev.lockstep.Setting;
import dev.lockstep.spi.RunListener;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code approve PLAN}: checks that the saved plan is what a deploy would run now (an approval of a stale plan
 * would approve nothing that can run), then records who approved its hash, when and from where, in the
 * target's audit table and the local audit log.
 */
public final class Approve {
    private final Operations ops;
    private final RunListener listener;

    public Approve(Operations ops, RunListener listener) {
        this.ops = ops;
        this.listener = listener;
    }

    public Approval run(Path file, String user, String host) {
        LockstepConfig config = ops.config();
        DeployPlan saved = PlanFile.read(config.workDir().resolve(file), file.toString());
        Phase phase = saved.inputs().phase() == null ? null : Phase.parse(saved.inputs().phase());
        DeployPlan now = ops.reviewPlan(phase, user);
        PlanFile.requireSame(saved, now, file.toString(), "the deploy it would approve");
        String gitUser = GitUser.of(config.workDir());
        String at = config.clock().instant().toString();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("runId", saved.hash());
        entry.put("step", Approvals.STEP);
        entry.put("outcome", "approved");
        entry.put("user", user);
        entry.put("gitUser", gitUser);
        entry.put("host", host);
        entry.put("environment", config.environment());
        entry.put("database", saved.database());
        entry.put("planHash", saved.hash());
        entry.put("planFile", file.toString());
        entry.put("approvedAt", at);
        Approvals.record(config, listener, saved.hash(), entry);
        new AuditLog(config.workDir().resolve(".lockstep").resolve("audit.jsonl"), null, listener).append(entry);
        List<String> approvers = Approvals.approvers(config, listener, saved.hash());
        return new Approval(saved.hash(), config.environment(), saved.database(), user, gitUser, host, at, approvers,
                config.get(Setting.APPROVALS));
    }
}
