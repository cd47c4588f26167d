package dev.lockstep.cli;

import dev.lockstep.Setting;
import java.util.LinkedHashMap;
import java.util.Map;

/** The global options' values, wherever on the command line they were given. */
public final class Globals {
    final Map<Setting<?>, String> settings = new LinkedHashMap<>();
    String environment;
    OutputFormat output = OutputFormat.TEXT;
    boolean yes;
    int verbosity;
    /** Applied to every line printed: passwords never reach the output (set before anything is printed). */
    java.util.function.UnaryOperator<String> redact = new NoKnownSecrets();

    /**
     * The redactor for no known secrets (it still removes URL passwords), made on first use: every command
     * line sets its own before printing, so making this one up front was work thrown away.
     */
    private static final class NoKnownSecrets implements java.util.function.UnaryOperator<String> {
        private java.util.function.UnaryOperator<String> made;

        @Override
        public String apply(String text) {
            if (made == null) {
                made = dev.lockstep.Lockstep.redactor(Map.of(), java.util.List.of());
            }
            return made.apply(text);
        }
    }

    public enum OutputFormat { TEXT, JSON }

    public Map<Setting<?>, String> settingsView() {
        return java.util.Collections.unmodifiableMap(settings);
    }

    /** Sets the output format (the --output option's setter does this from the command line). */
    public void output(OutputFormat format) {
        this.output = format;
    }

    public boolean yes() {
        return yes;
    }

    public String environment() {
        return environment;
    }

    /** Also keeps the passwords of {@code url} (e.g. from lockstep.toml) out of everything printed. */
    public void redactAlso(String url) {
        if (url == null) {
            return;
        }
        var more = dev.lockstep.Lockstep.redactor(Map.of("url", url), java.util.List.of());
        var before = redact;
        redact = text -> more.apply(before.apply(text));
    }
}
