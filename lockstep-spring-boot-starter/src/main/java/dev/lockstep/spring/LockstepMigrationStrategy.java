package dev.lockstep.spring;

import dev.lockstep.Lockstep;

/**
 * What the starter does with the migrations at start-up. The default migrates; a bean of this type
 * replaces it: validate only, migrate to a target, or nothing at all when a Job or init container
 * migrates (the readiness indicator then reports OUT_OF_SERVICE until the migrations are applied).
 */
@FunctionalInterface
public interface LockstepMigrationStrategy {
    LockstepMigrationStrategy MIGRATE = Lockstep::migrate;

    void migrate(Lockstep lockstep);
}
