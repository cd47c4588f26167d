package dev.lockstep;

import java.util.List;
import java.util.Map;

/**
 * A deploy's plan as {@code deploy --plan-out} saves it for review: what would run, what would undo it, what
 * lint says and whether that blocks, and a hash of all of it and of everything it depends on. {@code deploy
 * --plan} applies it only while a plan made afresh has the same hash; {@code approve} records approvals of
 * that hash.
 *
 * @param format the version of this file format
 * @param hash {@code sha256:<hex>} over {@code inputs}, {@code migrations}, {@code down}, {@code irreversible}
 *             and {@code lint}; the other fields are not covered
 * @param createdAt when the plan was made
 * @param createdBy the user who made it
 * @param database the target as shown (user@host:port/database), for people; the identity is in {@code inputs}
 * @param migrations what deploy applies, in order, as {@code migrate --dry-run} shows it
 * @param down what would undo it ({@code lockstep rollback --steps N}), newest first
 * @param irreversible migrations of the plan that have no down script
 * @param lint every lint finding of the migrations with the gate's verdict
 */
public record DeployPlan(int format, String hash, String createdAt, String createdBy, String database,
                         Inputs inputs, List<PlannedMigration> migrations, List<PlannedMigration> down,
                         List<String> irreversible, List<LintVerdict> lint) {
    /** The version of the plan file format this Lockstep writes and reads. */
    public static final int FORMAT = 1;

    /**
     * What the plan depends on.
     *
     * @param phase {@code expand}, {@code contract}, or null for a deploy without {@code --phase}
     * @param versionBefore the highest applied version when the plan was made, or null
     * @param planDigest a digest of each migration to run with its checksums, checked again under the runner lock
     * @param files every migration file with its checksum and its down script's
     * @param settings the settings that change what a deploy does, as text
     */
    public record Inputs(String lockstepVersion, String environment, Target target, String historySchema,
                         String phase, String versionBefore, String planDigest, List<FileSum> files,
                         Map<String, String> settings) {
    }

    /**
     * Which database: one the same name cannot stand in for.
     *
     * @param systemIdentifier the cluster's pg_control system identifier, or null when the role may not read it
     * @param databaseOid the database's oid (a database dropped and created again has another)
     */
    public record Target(String database, long databaseOid, String systemIdentifier, int serverVersion) {
    }

    /** @param downChecksum null when there is no down script */
    public record FileSum(String id, String script, String checksum, String downScript, String downChecksum) {
    }

    /**
     * A lint finding and what the gate makes of it.
     *
     * @param verdict {@code blocks}, {@code allowed by allow-unsafe} or {@code does not block}
     */
    public record LintVerdict(String migration, String rule, String severity, String at, String message,
                              String verdict) {
    }

    /** The first 12 hex digits of the hash, as shown. */
    public String shortHash() {
        String hex = hash.startsWith("sha256:") ? hash.substring(7) : hash;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
