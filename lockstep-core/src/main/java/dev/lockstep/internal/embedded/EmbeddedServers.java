package dev.lockstep.internal.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every embedded server of this user: the homes recorded in a registry when they start
 * ({@code ~/.lockstep/embedded-servers}), and any other embedded PostgreSQL this user runs (one an older
 * Lockstep kept in a project's {@code .lockstep/}, say), found among the running processes.
 */
public final class EmbeddedServers {
    private final Path registry;

    /** @param registry the registry file; null when there is no home directory to keep it in */
    public EmbeddedServers(Path registry) {
        this.registry = registry;
    }

    /** Records a server's home (once). */
    public void register(Path home) {
        if (registry == null) {
            return;
        }
        try {
            if (homes().contains(home.toAbsolutePath().normalize())) {
                return;
            }
            Files.createDirectories(registry.getParent());
            Files.writeString(registry, home.toAbsolutePath().normalize() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the registry only serves 'embedded status --all'; the server runs without it
        }
    }

    /** One server found: its home (null when it is not a Lockstep home) and status. */
    public record Found(Path home, EmbeddedServer.Status status) {
    }

    /** The registered servers whose data still exists, then other running embedded servers of this user. */
    public List<Found> list() {
        List<Found> out = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path home : homes()) {
            EmbeddedServer server = new EmbeddedServer(home);
            if (Files.isDirectory(server.dataDirectory()) && seen.add(server.dataDirectory())) {
                out.add(new Found(home, server.status()));
            }
        }
        String me = ProcessHandle.current().info().user().orElse(null);
        ProcessHandle.allProcesses().forEach(p -> running(p, me).filter(seen::add).ifPresent(data -> {
            Path parent = data.getParent();
            if (parent != null && Files.exists(parent.resolve("embedded.lock"))) {
                out.add(new Found(parent, new EmbeddedServer(parent).status()));
            } else {
                out.add(new Found(null, Postmaster.read(data)
                        .map(pm -> new EmbeddedServer.Status(pm.running(), pm.pid(), pm.port(), data))
                        .orElse(new EmbeddedServer.Status(true, p.pid(), 0, data))));
            }
        }));
        return out;
    }

    private List<Path> homes() {
        if (registry == null || !Files.isRegularFile(registry)) {
            return List.of();
        }
        try {
            return Files.readAllLines(registry).stream().filter(l -> !l.isBlank()).map(l -> Path.of(l.strip()))
                    .distinct().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The data directory of an embedded postmaster (a postgres binary unpacked by the embedded starter). */
    private static Optional<Path> running(ProcessHandle p, String me) {
        ProcessHandle.Info info = p.info();
        if (me != null && !info.user().map(me::equals).orElse(false)) {
            return Optional.empty();
        }
        String command = info.command().orElse("");
        String[] args = info.arguments().orElse(new String[0]);
        if (!command.contains("embedded-pg") || !command.endsWith("/bin/postgres")) {
            return Optional.empty();
        }
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D")) {
                return Optional.of(Path.of(args[i + 1]).toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }
}
