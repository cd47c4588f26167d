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
        int at = anchor(word);
        char c = word.charAt(at);
        if (mentionsAround(word, at, c) || (c != Character.toUpperCase(c) && mentionsAround(word, at,
                Character.toUpperCase(c)))) {
            return true;
        }
        // Beyond ASCII, these fold to an ASCII letter (the Kelvin sign to k): see ScriptTest.
        return switch (c) {
            case 'i' -> mentionsAround(word, at, '\u0130') || mentionsAround(word, at, '\u0131');
            case 'k' -> mentionsAround(word, at, '\u212A');
            case 's' -> mentionsAround(word, at, '\u017F');
            default -> false;
        };
    }

    /** Letters from the rarest in SQL to the most common; a character that is no letter is rarer still. */
    private static final String RARE_FIRST = "qjzxvwykbgfphmcudlsrintoae";
    /** Each lower-case letter's place in {@link #RARE_FIRST}. */
    private static final int[] RARITY = new int[26];

    static {
        for (int i = 0; i < RARE_FIRST.length(); i++) {
            RARITY[RARE_FIRST.charAt(i) - 'a'] = i;
        }
    }

    /** Where in the word the character searched for is: the rarest, so that few places are looked at. */
    private static int anchor(String word) {
        int best = 0;
        for (int i = 1; i < word.length(); i++) {
            if (rank(word.charAt(i)) < rank(word.charAt(best))) {
                best = i;
            }
        }
        return best;
    }

    private static int rank(char c) {
        return c >= 'a' && c <= 'z' ? RARITY[c - 'a'] : -1;
    }

    /** Whether the word, case aside, is at one of the places where {@code c} is found at its index {@code at}. */
    private boolean mentionsAround(String word, int at, char c) {
        for (int i = text.indexOf(c, at); i >= 0; i = text.indexOf(c, i + 1)) {
            if (text.regionMatches(true, i - at, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
