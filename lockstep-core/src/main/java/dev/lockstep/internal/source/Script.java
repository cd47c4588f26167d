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

    /**
     * Whether the text may hold {@code word} in any letter case: false only when no comment of the script
     * can start with it, so that the readers of section markers, directives and commented-out down
     * scripts need not lex a script that has none (most have none).
     *
     * @param word ASCII, in lower case
     */
    public boolean mayMention(String word) {
        char first = word.charAt(0);
        if (mentionsFrom(word, first) || mentionsFrom(word, Character.toUpperCase(first))) {
            return true;
        }
        // Beyond ASCII, these fold to an ASCII letter (the Kelvin sign to k): see ScriptTest.
        return switch (first) {
            case 'i' -> mentionsFrom(word, '\u0130') || mentionsFrom(word, '\u0131');
            case 'k' -> mentionsFrom(word, '\u212A');
            case 's' -> mentionsFrom(word, '\u017F');
            default -> false;
        };
    }

    /** Whether the word, case aside, starts at one of the places {@code first} is found (found fast). */
    private boolean mentionsFrom(String word, char first) {
        for (int i = text.indexOf(first); i >= 0; i = text.indexOf(first, i + 1)) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
