package dev.lockstep.spring;

import dev.lockstep.Lockstep;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Migrates at start-up from {@code classpath:db/migration} (or {@code lockstep.locations}) through the
 * application's {@link DataSource}, with the settings of {@code lockstep.*}. Off with {@code lockstep.enabled=false}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Lockstep.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "lockstep", name = "enabled", matchIfMissing = true)
public class LockstepAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Lockstep lockstep(DataSource dataSource, Environment environment) {
        return SpringSettings.apply(environment, Lockstep.configure().dataSource(dataSource))
                .listener(new LoggingListener()).build();
    }

    @Bean
    @ConditionalOnMissingBean
    public LockstepMigrationInitializer lockstepMigrationInitializer(Lockstep lockstep,
            ObjectProvider<LockstepMigrationStrategy> strategy) {
        return new LockstepMigrationInitializer(lockstep, strategy.getIfAvailable(() -> LockstepMigrationStrategy.MIGRATE));
    }
}
