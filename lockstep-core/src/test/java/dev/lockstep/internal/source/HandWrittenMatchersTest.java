package dev.lockstep.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The loader reads down headings and directive words without regular expressions (the JDK compiles one
 * with lambdas, and lint's path links none): each agrees with the expression it replaces on every string
 * built from the fragments that matter.
 */
class HandWrittenMatchersTest {
    private static final Pattern HEADING = Pattern.compile(
            "(?i)--\\s*(down|down\\s+migration|rollback)\\s*(:|\\(.*\\))?\\s*");
    private static final List<String> FRAGMENTS = List.of(" ", "\t", "\u000B", "down", "DoWn", "migration",
            "MIGRATION", "rollback", "Rollbac\u212A", ":", "(", ")", "x", "\r", "\u2028", "\u00A0", "-");

    private static List<String> strings(int length) {
        List<String> out = new ArrayList<>(List.of(""));
        List<String> last = List.of("");
        for (int n = 0; n < length; n++) {
            List<String> next = new ArrayList<>();
            for (String s : last) {
                for (String f : FRAGMENTS) {
                    next.add(s + f);
                }
            }
            out.addAll(next);
            last = next;
        }
        return out;
    }

    @Test
    void theDownHeadingMatchesWhatItsRegularExpressionMatches() {
        int headings = 0;
        for (String rest : strings(4)) {
            for (String comment : List.of("--" + rest, "-" + rest, rest)) {
                boolean expected = HEADING.matcher(comment).matches();
                assertThat(CommentedDown.isHeading(comment)).as("'%s'", comment).isEqualTo(expected);
                headings += expected ? 1 : 0;
            }
        }
        assertThat(headings).as("headings among the strings tried").isGreaterThan(100);
    }

    @Test
    void directiveWordsAreWhatSplittingOnWhiteSpaceGives() {
        for (String text : strings(4)) {
            String stripped = text.strip();
            for (int limit : new int[] {0, 2, 3}) {
                assertThat(DirectiveParser.words(stripped, limit)).as("'%s' limit %d", stripped, limit)
                        .containsExactly(stripped.split("\\s+", limit));
            }
        }
    }
}
