package bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Starts, prints the milliseconds from JVM start to a started context and the time the migration tool's
 * initializer bean took (Flyway's or Lockstep's: where the migration check runs), and stops.
 */
@SpringBootApplication
public class StartupApp {
    private static final Map<String, Long> STARTED = new ConcurrentHashMap<>();
    private static volatile long migrateMs = -1;

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(StartupApp.class, args);
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("STARTUP_MS " + ms + " MIGRATE_MS " + migrateMs);
        context.close();
    }

    @Bean
    static BeanPostProcessor timeTheMigrationInitializer() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean.getClass().getSimpleName().endsWith("MigrationInitializer")) {
                    STARTED.put(name, System.nanoTime());
                }
                return bean;
            }

            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                Long t0 = STARTED.remove(name);
                if (t0 != null) {
                    migrateMs = (System.nanoTime() - t0) / 1_000_000;
                }
                return bean;
            }
        };
    }
}
