package dev.lockstep.internal.engine;

import dev.lockstep.DatabasePin;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.config.ConfigFileEditor;
import dev.lockstep.internal.pg.DatabaseIdentity;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.spi.RunListener;

/**
 * {@code env pin}: reads the identity of the database an environment names and writes it as that
 * environment's {@code database-id} in lockstep.toml. An environment already pinned to another database
 * is refused unless the pin is replaced on purpose.
 */
final class EnvironmentPin {
    private final LockstepConfig config;
    private final RunListener listener;

    EnvironmentPin(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    DatabasePin pin(boolean replace) {
        String env = config.environment();
        if (env == null) {
            throw new LockstepException(ErrorCode.USAGE, "env pin needs an environment: it writes the database-id of "
                    + "an [env.NAME] section of lockstep.toml", "name it: lockstep env pin staging (or --env staging)");
        }
        String previous = config.get(Setting.DATABASE_ID);
        DatabaseIdentity identity;
        String database;
        // The pin in force is not checked here: reading the database is how it gets replaced.
        LockstepConfig unpinned = config.toBuilder().set(Setting.DATABASE_ID, null).build();
        try (Session session = Session.open(unpinned, listener, "lockstep env pin")) {
            session.connect();
            identity = session.requireIdentity();
            database = session.target().display();
        }
        String file = config.shown(config.workDir().resolve("lockstep.toml"));
        if (identity.text().equals(previous)) {
            return new DatabasePin(env, identity.text(), database, file, previous, false);
        }
        if (previous != null && !replace) {
            throw new LockstepException(ErrorCode.WRONG_DATABASE, "environment '" + env + "' is pinned to database-id "
                    + previous + " (" + config.source(Setting.DATABASE_ID) + "), but " + database + " is "
                    + identity.text() + "; the pin was not changed",
                    "if this database replaces the pinned one on purpose: lockstep env pin " + env + " --replace");
        }
        String where = ConfigFileEditor.setInEnvironment(config.workDir(), env, Setting.DATABASE_ID, identity.text());
        String source = config.source(Setting.DATABASE_ID);
        if (previous != null && !source.startsWith("lockstep.toml")) {
            listener.notice("note: database-id also comes from " + source + ", which wins over " + where);
        }
        return new DatabasePin(env, identity.text(), database, file, previous, true);
    }
}
