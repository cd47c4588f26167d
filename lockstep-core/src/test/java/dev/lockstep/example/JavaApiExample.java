package dev.lockstep.example;

import dev.lockstep.DeployFailedException;
import dev.lockstep.DeployOptions;
import dev.lockstep.Lockstep;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import dev.lockstep.RollbackOptions;
import dev.lockstep.Setting;
import dev.lockstep.StatusResult;
import dev.lockstep.error.LockstepException;
import dev.lockstep.spi.MigrationEvent;
import dev.lockstep.spi.RunListener;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/** The examples of docs/java-api.md, compiled and run by the tests so that the page stays true. */
public final class JavaApiExample {
    private JavaApiExample() {
    }

    // example:begin
    /** As the command line does it: lockstep.toml, LOCKSTEP_* and DATABASE_URL, PG* variables, ~/.pgpass. */
    static MigrateResult fromTheEnvironment(Path projectDir) {
        return Lockstep.configure()
                .fromEnvironment(projectDir, null)           // or an environment: "staging"
                .set(Setting.LOCK_TIMEOUT, Duration.ofSeconds(2)) // wins over the file and the environment
                .build()
                .migrate();
    }

    /** In an application: its own connection pool, migrations on the class path. */
    static StatusResult onTheApplicationsPool(DataSource dataSource) {
        Lockstep lockstep = Lockstep.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .set("lock-wait", "5m")                      // any setting by its lockstep.toml name
                .listener(new RunListener() {
                    @Override
                    public void migrationFinished(MigrationEvent m) {
                        System.out.println("applied " + m.version() + " in " + m.duration().toMillis() + " ms");
                    }
                })
                .build();
        MigrateResult plan = lockstep.migrate(MigrateOptions.ALL.asDryRun()); // the exact SQL, locks, lint findings
        if (!plan.plan().isEmpty()) {
            lockstep.migrate(MigrateOptions.ALL.withTarget(plan.plan().get(0).version()));
        }
        return lockstep.status();
    }

    /** The whole runbook, undoing this run's migrations when a step fails; backups and reports go under projectDir. */
    static void deploy(Path projectDir, String url) {
        Lockstep lockstep = Lockstep.configure().workDir(projectDir).url(url).build(); // migrations/ of projectDir
        try {
            lockstep.deploy(DeployOptions.DEFAULT.withOnFailure(DeployOptions.OnFailure.ROLLBACK));
        } catch (DeployFailedException e) {
            System.err.println("failed at " + e.result().failedStep() + "; report: " + e.result().report());
        } catch (LockstepException e) {
            System.err.println(e.getMessage() + " (exit " + e.exitCode() + "; " + e.hint() + ")");
        }
        lockstep.rollback(RollbackOptions.steps(1).asDryRun());
    }
    // example:end
}
