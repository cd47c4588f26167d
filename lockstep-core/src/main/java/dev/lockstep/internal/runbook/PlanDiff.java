package dev.lockstep.internal.runbook;

import dev.lockstep.DeployPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** What differs between a saved deploy plan and one made now, in words a reviewer can check. */
final class PlanDiff {
    private PlanDiff() {
    }

    static List<String> between(DeployPlan saved, DeployPlan now) {
        DeployPlan.Inputs a = saved.inputs();
        DeployPlan.Inputs b = now.inputs();
        List<String> out = new ArrayList<>();
        if (!Objects.equals(a.target(), b.target())) {
            out.add("the target changed: " + target(a.target()) + " in the plan, " + target(b.target()) + " now");
        }
        same(out, "the environment", a.environment(), b.environment());
        same(out, "the history schema", a.historySchema(), b.historySchema());
        same(out, "the phase", a.phase(), b.phase());
        same(out, "the Lockstep version", a.lockstepVersion(), b.lockstepVersion());
        if (!Objects.equals(a.versionBefore(), b.versionBefore())) {
            out.add("the database's version: " + or(a.versionBefore()) + " in the plan, " + or(b.versionBefore())
                    + " now (migrations were applied or rolled back since)");
        }
        files(out, a.files(), b.files());
        Map<String, String> sa = a.settings() == null ? Map.of() : a.settings();
        Map<String, String> sb = b.settings() == null ? Map.of() : b.settings();
        for (String key : new TreeSet<>(union(sa, sb))) {
            if (!Objects.equals(sa.get(key), sb.get(key))) {
                out.add("setting " + key + ": " + or(sa.get(key)) + " in the plan, " + or(sb.get(key)) + " now");
            }
        }
        if (out.isEmpty() && !Objects.equals(a.planDigest(), b.planDigest())) {
            out.add("the migrations to apply: " + ids(saved) + " in the plan, " + ids(now) + " now");
        }
        if (out.isEmpty()) {
            out.add("the plan's SQL, locks or lint verdicts differ although files, settings and target are the same "
                    + "(compare the plans: lockstep deploy --dry-run)");
        }
        return out;
    }

    private static void files(List<String> out, List<DeployPlan.FileSum> before, List<DeployPlan.FileSum> after) {
        Map<String, DeployPlan.FileSum> a = byId(before);
        Map<String, DeployPlan.FileSum> b = byId(after);
        for (DeployPlan.FileSum f : a.values()) {
            DeployPlan.FileSum g = b.get(f.id());
            if (g == null) {
                out.add(f.script() + " was removed");
            } else if (!Objects.equals(f.checksum(), g.checksum())) {
                out.add(g.script() + " changed (checksum " + shortSum(f.checksum()) + " in the plan, "
                        + shortSum(g.checksum()) + " now)");
            } else if (!Objects.equals(f.downChecksum(), g.downChecksum())) {
                out.add(f.downChecksum() == null ? "the down script " + g.downScript() + " of " + g.id() + " was added"
                        : g.downChecksum() == null ? "the down script " + f.downScript() + " of " + f.id() + " was removed"
                        : "the down script " + g.downScript() + " changed");
            }
        }
        for (DeployPlan.FileSum g : b.values()) {
            if (!a.containsKey(g.id())) {
                out.add(g.script() + " was added");
            }
        }
    }

    private static Map<String, DeployPlan.FileSum> byId(List<DeployPlan.FileSum> files) {
        Map<String, DeployPlan.FileSum> out = new LinkedHashMap<>();
        if (files != null) {
            files.forEach(f -> out.put(f.id(), f));
        }
        return out;
    }

    private static void same(List<String> out, String what, String a, String b) {
        if (!Objects.equals(a, b)) {
            out.add(what + ": " + or(a) + " in the plan, " + or(b) + " now");
        }
    }

    private static String target(DeployPlan.Target t) {
        if (t == null) {
            return "none";
        }
        return "database " + t.database() + " (oid " + t.databaseOid() + ", cluster "
                + (t.systemIdentifier() == null ? "unknown" : t.systemIdentifier()) + ", PostgreSQL "
                + t.serverVersion() + ")";
    }

    private static String ids(DeployPlan p) {
        return p.migrations().isEmpty() ? "none" : String.join(", ", p.migrations().stream()
                .map(m -> m.version() == null ? "R:" + m.description() : m.version()).toList());
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static String or(String s) {
        return s == null ? "none" : s;
    }

    private static String shortSum(String s) {
        return s == null ? "none" : s.substring(0, Math.min(12, s.length()));
    }
}
