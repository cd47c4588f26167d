package dev.lockstep;

/** What a failing after-hook ({@code after-backup}, {@code after-migrate}, {@code after-verify}) does to the deploy. */
public enum HookFailure {
    /** The deploy fails at the hook (and {@code --on-failure} undoes it). */
    FAIL,
    /** The hook is reported as a warning and the deploy goes on. */
    WARN
}
