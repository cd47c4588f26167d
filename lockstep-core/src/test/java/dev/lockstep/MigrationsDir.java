package dev.lockstep;

import dev.lockstep.spi.MigrationEvent;
import dev.lockstep.spi.RunListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test helper: a migrations directory in a temp folder, and a Lockstep pointed at a test database. */
final class MigrationsDir {
    final Path dir;
    final List<String> notices = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    private boolean allowNonEmpty;

    MigrationsDir(Path root) {
        this.dir = root.resolve("migrations");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests that set tables up by hand before the first migration: migrate is told they are expected. */
    MigrationsDir allowingNonEmpty() {
        allowNonEmpty = true;
        return this;
    }

    MigrationsDir write(String name, String sql) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, sql);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String name) {
        try {
            Files.delete(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Lockstep lockstep(String url) {
        return lockstep(url, b -> { });
    }

    Lockstep lockstep(String url, java.util.function.Consumer<LockstepConfig.Builder> change) {
        RunListener listener = new RunListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }

            @Override
            public void migrationFinished(MigrationEvent m) {
                events.add(m.direction() + " " + (m.version() == null ? m.description() : m.version()));
            }

            @Override
            public void migrationFailed(MigrationEvent m, String error) {
                events.add("failed " + m.version());
            }
        };
        return Lockstep.configure().url(url).dir(dir).listener(listener)
                .with(b -> b.set(Setting.LOCK_WAIT, java.time.Duration.ofSeconds(20)).installedBy("tester")
                        .set(Setting.ALLOW_NON_EMPTY, allowNonEmpty))
                .with(change)
                .build();
    }

    List<String> eventsAndClear() {
        List<String> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }
}
