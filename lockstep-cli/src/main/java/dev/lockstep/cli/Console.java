package dev.lockstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lockstep.MigrateFailedException;
import dev.lockstep.error.LockstepException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command's output goes. Text results and progress go to stdout; with {@code --output json}
 * stdout carries exactly one JSON document and progress goes to stderr. Errors go to stderr as text, or
 * to stdout as a JSON document.
 */
public final class Console {
    /** Built on first use: text output never pays for it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final CliContext context;
    private final Globals globals;

    public Console(CliContext context, Globals globals) {
        this.context = context;
        this.globals = globals;
    }

    public boolean json() {
        return globals.output == Globals.OutputFormat.JSON;
    }

    public boolean quiet() {
        return globals.verbosity < 0;
    }

    public boolean terminal() {
        return context.terminal() && !json();
    }

    /** A result line for text output. */
    public void println(String line) {
        if (!json()) {
            context.out().println(safe(line));
        }
    }

    /** The text with every password removed (see {@link dev.lockstep.Lockstep#redactor}). */
    private String safe(String text) {
        return globals.redact.apply(text);
    }

    /** Progress: stdout for text output, stderr with JSON output; nothing when quiet. */
    public void progress(String line) {
        if (!quiet()) {
            (json() ? context.err() : context.out()).println(safe(line));
        }
    }

    /** A partial progress line (a live status on a terminal). */
    public void live(String text) {
        context.out().print(safe(text));
        context.out().flush();
    }

    /** Something the user should know that is not the result: on stderr, unless quiet. */
    public void notice(String line) {
        if (!quiet()) {
            context.err().println(safe(line));
        }
    }

    /** A console like this one that renders text whatever --output says (for lint --format text). */
    public Console forceText() {
        Globals text = new Globals();
        text.output(Globals.OutputFormat.TEXT);
        text.verbosity = globals.verbosity;
        text.redact = globals.redact;
        return new Console(context, text);
    }

    /** Writes one JSON document, whatever --output says (for formats chosen by their own option). */
    public static void printJson(java.io.PrintStream out, Object document) {
        try {
            out.println(Json.MAPPER.writeValueAsString(document));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON result document, when the output is JSON. */
    public void result(Object document) {
        if (json()) {
            try {
                context.out().println(safe(Json.MAPPER.writeValueAsString(document)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public void error(LockstepException e) {
        failure(e, null);
    }

    /**
     * An error that comes with what the command did before it (a deploy's steps, a restore's differences):
     * with JSON output one document holding both, {@code {"error": ..., "result": ...}}.
     */
    public void failure(LockstepException e, Object partialResult) {
        if (json()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", e.code().name());
            error.put("exitCode", e.exitCode());
            error.put("message", e.getMessage());
            error.put("hint", e.hint());
            error.put("docs", e.code().docsAnchor());
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("error", error);
            if (partialResult != null) {
                document.put("result", partialResult);
            }
            if (e instanceof MigrateFailedException failed) {
                // Applied before the failure, and still applied: a script must not have to parse the progress.
                document.put("executed", failed.executed());
            }
            result(document);
            return;
        }
        context.err().println(safe("error: " + e.getMessage()));
        if (e.hint() != null) {
            context.err().println(safe("hint: " + e.hint()));
        }
    }
}
