package dev.lockstep.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptTest {
    private static Script script(String text) {
        return new Script("V1__a.sql", "V1__a.sql", text, 1);
    }

    @Test
    void mayMentionFindsTheWordInAnyLetterCase() {
        assertThat(script("-- migrate:up\nSELECT 1;").mayMention("migrate:")).isTrue();
        assertThat(script("--   MIGRATE:UP\nSELECT 1;").mayMention("migrate:")).isTrue();
        assertThat(script("SELECT 1; -- LockStep:transaction off").mayMention("lockstep:")).isTrue();
        assertThat(script("-- rollback").mayMention("rollback")).isTrue();
    }

    @Test
    void mayMentionIsFalseOnlyWhenTheWordCannotBeThere() {
        assertThat(script("CREATE TABLE t (id int); -- a comment").mayMention("lockstep:")).isFalse();
        assertThat(script("-- lockstep transaction off").mayMention("lockstep:")).isFalse();
        assertThat(script("dow").mayMention("down")).isFalse();
        assertThat(script("").mayMention("down")).isFalse();
    }

    @Test
    void mayMentionSeesTheWordAtTheVeryEnd() {
        assertThat(script("SELECT 1; -- down").mayMention("down")).isTrue();
    }

    @Test
    void aLetterBeyondAsciiThatFoldsToTheWordsLetterCounts() {
        // The Kelvin sign lower-cases to k: "LOC\u212ASTEP:" reads as lockstep: once lower-cased.
        String kelvin = "-- LOC\u212ASTEP:transaction off";
        assertThat(kelvin.toLowerCase(java.util.Locale.ROOT)).contains("lockstep:");
        assertThat(script(kelvin).mayMention("lockstep:")).isTrue();
    }

    @Test
    void theLettersBeyondAsciiThatFoldToAsciiOnesAreTheFourMayMentionKnows() {
        // regionMatches(ignoreCase) compares upper and then lower case of each character.
        java.util.Set<Integer> folding = new java.util.TreeSet<>();
        for (char c = 0x80; c < 0xFFFF; c++) {
            char up = Character.toUpperCase(c);
            char low = Character.toLowerCase(c);
            if ((up < 0x80 && Character.isLetter(up)) || (low < 0x80 && Character.isLetter(low))) {
                folding.add((int) c);
            }
        }
        assertThat(folding).containsExactly(0x130, 0x131, 0x17F, 0x212A);
        assertThat(script("-- \u0130gnored").mayMention("ignored")).isTrue();
        assertThat(script("-- \u017Fection").mayMention("section")).isTrue();
        assertThat(script("-- ROLLBAC\u212A").mayMention("rollback")).isTrue();
        assertThat(script("-- lock\u017Ftep:").mayMention("lockstep:")).isTrue();
    }

    @Test
    void mayMentionIsTrueExactlyWhereTheWordStartsSomewhereCaseAside() {
        // Every text of up to five pieces from an alphabet of parts of the words, other letter cases and the
        // letters beyond ASCII that fold to theirs, against looking at every offset.
        String[] pieces = {"d", "O", "wn", "ro", "LL", "back", "K", "\u212A", "\u017F", "\u0130", "\u0131", "lock", "ST",
            "ep", ":", "migr", "ATE", " ", "\n", "-- ", "x"};
        String[] words = {"down", "rollback", "lockstep:", "migrate:", "ignored", "section", "sk", "k"};
        java.util.List<String> texts = new java.util.ArrayList<>(dev.lockstep.testkit.Generated.strings(
                java.util.List.of(pieces), 4));
        texts.add("-- ROLLBACK lockstep:transaction off, migrate:down, Down, IGNORED SECTION");
        for (String text : texts) {
            for (String word : words) {
                boolean somewhere = false;
                for (int at = 0; at <= text.length() && !somewhere; at++) {
                    somewhere = text.regionMatches(true, at, word, 0, word.length());
                }
                assertThat(script(text).mayMention(word)).as("%s in %s", word, text).isEqualTo(somewhere);
            }
        }
    }
}
