package dev.lockstep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A shell command that deploy runs at one of its hook points ({@code [hooks]} in lockstep.toml).
 *
 * @param run the command, run with {@code sh -c}
 * @param timeout how long it may run, or null for {@code hooks.timeout}
 * @param dir its working directory, or null for {@code hooks.dir}
 */
public record HookCommand(String run, Duration timeout, Path dir) {
    public HookCommand {
        Objects.requireNonNull(run, "run");
        if (run.isBlank()) {
            throw new IllegalArgumentException("a hook command is empty");
        }
    }

    /**
     * A hook point's commands as written: one command ({@code "make maintenance-on"}), or a list of commands
     * and tables ({@code [{ run = "...", timeout = "30s", dir = "ops" }]}). A single command is never split at
     * commas.
     */
    static List<HookCommand> list(Object value) {
        List<HookCommand> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            for (Object item : l) {
                out.add(one(item));
            }
        } else {
            out.add(one(value));
        }
        return List.copyOf(out);
    }

    private static HookCommand one(Object item) {
        if (item instanceof Map<?, ?> t) {
            for (Object key : t.keySet()) {
                if (!List.of("run", "timeout", "dir").contains(String.valueOf(key))) {
                    throw new IllegalArgumentException("a hook has no key '" + key + "' (run, timeout, dir)");
                }
            }
            Object run = t.get("run");
            if (run == null) {
                throw new IllegalArgumentException("a hook table needs run = \"command\"");
            }
            Object timeout = t.get("timeout");
            Object dir = t.get("dir");
            return new HookCommand(String.valueOf(run), timeout == null ? null : Durations.parse(String.valueOf(timeout)),
                    dir == null ? null : Path.of(String.valueOf(dir)));
        }
        if (item instanceof List<?>) {
            throw new IllegalArgumentException("a hook is a command or a table, not a list in a list");
        }
        return new HookCommand(String.valueOf(item), null, null);
    }

    static String format(List<HookCommand> commands) {
        return String.join("; ", commands.stream().map(HookCommand::run).toList());
    }
}
