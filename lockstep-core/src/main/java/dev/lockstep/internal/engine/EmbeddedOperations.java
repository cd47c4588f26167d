package dev.lockstep.internal.engine;

import dev.lockstep.Durations;
import dev.lockstep.EmbeddedStatus;
import dev.lockstep.LockstepConfig;
import dev.lockstep.internal.embedded.EmbeddedServer;
import dev.lockstep.internal.embedded.EmbeddedServers;
import dev.lockstep.internal.pg.EmbeddedTarget;
import dev.lockstep.internal.pg.Target;
import dev.lockstep.spi.RunListener;
import java.util.ArrayList;
import java.util.List;

/** {@code embedded start|stop|status|url}: the lifecycle of this user's embedded servers, as public records. */
final class EmbeddedOperations {
    private final LockstepConfig config;
    private final RunListener listener;

    EmbeddedOperations(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    EmbeddedStatus status() {
        EmbeddedServer server = new EmbeddedServer(Target.embeddedHome(config));
        return status(server, server.status(), false, EmbeddedServer.databaseFor(config.workDir()));
    }

    EmbeddedStatus start() {
        EmbeddedTarget.Started s = EmbeddedTarget.start(config, Target.embeddedHome(config), listener);
        EmbeddedServer server = new EmbeddedServer(Target.embeddedHome(config));
        return status(server, s.running().status(), s.running().started(), s.target().database());
    }

    /** Stops the embedded server; returns whether it was running. */
    boolean stop() {
        return new EmbeddedServer(Target.embeddedHome(config)).stop();
    }

    /** Every embedded server of this user: registered ones, and others found running. */
    List<EmbeddedStatus> servers() {
        List<EmbeddedStatus> out = new ArrayList<>();
        for (EmbeddedServers.Found f : new EmbeddedServers(Target.embeddedRegistry(config)).list()) {
            out.add(f.home() == null ? status(null, f.status(), false, null)
                    : status(new EmbeddedServer(f.home()), f.status(), false, null));
        }
        return out;
    }

    private static EmbeddedStatus status(EmbeddedServer server, EmbeddedServer.Status s, boolean started,
                                         String database) {
        boolean up = s.running();
        String idle = server == null ? null : server.idleStop()
                .map(d -> d.isZero() ? "off" : Durations.exact(d)).orElse(null);
        return new EmbeddedStatus(up, up ? s.pid() : null, up && s.port() > 0 ? s.port() : null,
                up && database != null ? s.jdbcUrl(database) : null, server == null ? null : server.home().toString(),
                s.dataDirectory().toString(), started, database, idle, server == null ? null
                : server.lastUsed().orElse(null));
    }
}
