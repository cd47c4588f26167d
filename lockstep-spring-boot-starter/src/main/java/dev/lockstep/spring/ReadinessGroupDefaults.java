package dev.lockstep.spring;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where Spring Boot serves its probes ({@code management.endpoint.health.probes.enabled}, on by itself on
 * Kubernetes and Cloud Foundry), puts the {@code lockstep} indicator in the {@code readiness} group beside
 * Spring Boot's own {@code readinessState}, so {@code /actuator/health/readiness} answers 503 while
 * migrations are pending. A lowest-precedence default: an application that names the group's members keeps
 * its list.
 */
public class ReadinessGroupDefaults implements EnvironmentPostProcessor {
    static final String INCLUDE = "management.endpoint.health.group.readiness.include";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("lockstep.enabled", Boolean.class, true) || !probesEnabled(environment)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource("lockstepReadinessGroup",
                Map.of(INCLUDE, "readinessState,lockstep")));
    }

    private static boolean probesEnabled(ConfigurableEnvironment environment) {
        Boolean set = environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class);
        if (set != null) {
            return set;
        }
        CloudPlatform platform = CloudPlatform.getActive(environment);
        return platform == CloudPlatform.KUBERNETES || platform == CloudPlatform.CLOUD_FOUNDRY;
    }
}
