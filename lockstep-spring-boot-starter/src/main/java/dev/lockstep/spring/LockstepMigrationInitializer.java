package dev.lockstep.spring;

import dev.lockstep.Lockstep;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the migration strategy when the context starts, before the beans that use the database (JPA, JDBC
 * templates: they depend on database initialisation, which this is).
 */
public class LockstepMigrationInitializer implements InitializingBean {
    private final Lockstep lockstep;
    private final LockstepMigrationStrategy strategy;

    public LockstepMigrationInitializer(Lockstep lockstep, LockstepMigrationStrategy strategy) {
        this.lockstep = lockstep;
        this.strategy = strategy;
    }

    @Override
    public void afterPropertiesSet() {
        strategy.migrate(lockstep);
    }
}
