package dev.lockstep.spring;

import dev.lockstep.Lockstep;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The readiness health indicator {@code lockstep} and the actuator endpoint {@code lockstep}. */
@AutoConfiguration(after = LockstepAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Lockstep.class)
public class LockstepActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "lockstepHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("lockstep")
    public LockstepHealthIndicator lockstepHealthIndicator(Lockstep lockstep) {
        return new LockstepHealthIndicator(lockstep.readinessProbe());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public LockstepEndpoint lockstepEndpoint(Lockstep lockstep) {
        return new LockstepEndpoint(lockstep);
    }
}
