package dev.lockstep.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The PostgreSQL major version a test class runs on, e.g. {@code @PostgresVersion(17)}. Without it a
 * {@link TestPostgres} runs on the version named by the system property {@code lockstep.test.postgres},
 * else on the binaries of the class path (PostgreSQL 15 in this build).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PostgresVersion {
    int value();
}
