package dev.lockstep.internal.runbook;

/**
 * @param onFailure {@code none}, {@code rollback} (run this run's down scripts) or {@code restore} (restore the backup)
 */
public record DeployOptions(boolean dryRun, String outsideWindowReason, String onFailure, String user, String host) {
}
