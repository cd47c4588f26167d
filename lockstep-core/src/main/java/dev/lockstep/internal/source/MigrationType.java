package dev.lockstep.internal.source;

/** Versioned migrations run once in version order; repeatable ones run again whenever they change. */
public enum MigrationType {
    VERSIONED,
    REPEATABLE
}
