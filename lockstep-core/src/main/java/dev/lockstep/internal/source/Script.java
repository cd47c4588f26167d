package dev.lockstep.internal.source;

/**
 * The text of one script, where it came from, and the 1-based line of the file on which the text
 * starts (not 1 for a section of a file with {@code -- migrate:up} / {@code -- migrate:down}).
 *
 * @param path the file as shown to the user (relative to the working directory when inside it)
 * @param name the file relative to the migrations directory, as recorded in the history
 */
public record Script(String path, String name, String text, int firstLine) {

    /** The file line of a 1-based line within {@link #text()}. */
    public int fileLine(int line) {
        return firstLine + line - 1;
    }
}
