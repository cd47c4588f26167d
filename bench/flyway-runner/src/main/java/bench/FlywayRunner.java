package bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** java -jar flyway-runner.jar migrate|info JDBC_URL DIR: what `flyway migrate` / `flyway info` do. */
public final class FlywayRunner {
    public static void main(String[] args) {
        Flyway flyway = Flyway.configure()
                .dataSource(args[1], "postgres", "")
                .locations("filesystem:" + args[2])
                .validateMigrationNaming(true)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        switch (args[0]) {
            case "migrate" -> System.out.println("flyway applied " + flyway.migrate().migrationsExecuted);
            case "info" -> {
                int applied = 0;
                for (MigrationInfo i : flyway.info().all()) {
                    if (i.getState().isApplied()) {
                        applied++;
                    }
                }
                System.out.println("flyway info: " + applied + " applied");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
