package dev.lockstep.internal.backup;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.ConnectionTarget;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.spi.BackupProvider;
import dev.lockstep.spi.BackupTarget;
import dev.lockstep.spi.RunListener;
import java.util.ServiceLoader;

/** Finds the {@link BackupProvider} of a name: the built-in ones, then those on the class path. */
final class Providers {
    static final String PG_DUMP = "pg_dump";

    private Providers() {
    }

    /** The provider named {@code name}; not for {@code pg_dump}, which {@link BackupRun} runs itself. */
    static BackupProvider of(String name, LockstepConfig config, Session session, RunListener listener) {
        switch (name) {
            case "command":
                return new CommandBackup(config.get(Setting.BACKUP_COMMAND), config.get(Setting.RESTORE_COMMAND),
                        config.clock(), listener::notice);
            case "template":
                return new TemplateBackup(session, config.clock());
            default:
                for (BackupProvider p : ServiceLoader.load(BackupProvider.class)) {
                    if (p.name().equals(name)) {
                        return p;
                    }
                }
                throw new LockstepException(ErrorCode.CONFIG, "no backup provider named '" + name + "'",
                        "backup-provider is pg_dump, command, template, or the name of a provider on the class path");
        }
    }

    static BackupTarget target(String name, LockstepConfig config, ConnectionTarget server, String serverVersion,
                               String migrationVersion) {
        return new BackupTarget(name, config.path(Setting.BACKUP_DIR).toString(), config.environment(), server.host(), server.port(),
                server.database(), server.user(), server.password(), serverVersion, migrationVersion);
    }

    /** A provider's failure as Lockstep's: its own errors pass through, others get the provider's name. */
    static LockstepException failure(BackupProvider p, String what, Exception e) {
        if (e instanceof LockstepException le) {
            return le;
        }
        if (e instanceof UnsupportedOperationException) {
            return new LockstepException(ErrorCode.BACKUP, e.getMessage() + "; nothing was restored",
                    "restore it with the provider's own tools", e);
        }
        return new LockstepException(ErrorCode.BACKUP, "the " + p.name() + " backup provider failed to " + what + ": "
                + e.getMessage(), null, e);
    }
}
