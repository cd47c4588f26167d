package dev.lockstep;

/**
 * One hook command a deploy ran.
 *
 * @param hook the hook point, e.g. {@code before-migrate}
 * @param outcome {@code ok}, {@code failed}, or {@code warning} (failed under {@code hook-failure = warn})
 * @param exitCode the command's exit code, or null when it did not finish
 * @param problem why it did not finish (timed out, could not start), or null
 * @param output the end of what it printed (standard output and error together)
 */
public record HookResult(String hook, String command, String dir, String outcome, Integer exitCode, String problem, long durationMs,
                         String output) {
}
