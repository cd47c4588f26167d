package dev.lockstep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code verify} checks ({@code [verify]} in lockstep.toml): the SQL assertions in a directory
 * and smoke checks.
 *
 * @param dir SQL assertion scripts ({@code *.sql}): any row a query returns is a failure
 */
public record VerifySettings(Path dir, List<Http> http, List<Command> commands, List<Rls> rls) {

    /**
     * A row-level-security check: as {@code role}, with {@code settings} set for the transaction (e.g.
     * {@code request.jwt.claims}, {@code app.account_id}), {@code query} must return exactly
     * {@code expectRows} rows (when not null) and {@code forbidden} (when not null) must return none.
     */
    public record Rls(String name, String role, java.util.Map<String, String> settings, String query,
                      Integer expectRows, String forbidden) {
    }

    public VerifySettings(Path dir, List<Http> http, List<Command> commands) {
        this(dir, http, commands, List.of());
    }

    /** An HTTP GET expected to answer with {@code expect} within {@code timeout}. */
    public record Http(String url, int expect, Duration timeout) {
    }

    /** A shell command expected to exit 0 within {@code timeout}. */
    public record Command(String run, Duration timeout) {
    }

    public VerifySettings {
        Objects.requireNonNull(dir, "dir");
        http = List.copyOf(http);
        commands = List.copyOf(commands);
        rls = List.copyOf(rls);
    }
}
