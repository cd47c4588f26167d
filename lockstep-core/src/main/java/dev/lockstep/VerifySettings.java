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
public record VerifySettings(Path dir, List<Http> http, List<Command> commands) {

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
    }
}
