package dev.lockstep.testkit;

import java.util.ArrayList;
import java.util.List;

/** Inputs built exhaustively from fragments, for tests that compare a hand-written reader with a reference. */
public final class Generated {
    private Generated() {
    }

    /** Every string of up to {@code length} pieces (each piece any of {@code pieces}), the empty one first. */
    public static List<String> strings(List<String> pieces, int length) {
        List<String> out = new ArrayList<>(List.of(""));
        List<String> last = List.of("");
        for (int n = 0; n < length; n++) {
            List<String> next = new ArrayList<>();
            for (String s : last) {
                for (String p : pieces) {
                    next.add(s + p);
                }
            }
            out.addAll(next);
            last = next;
        }
        return out;
    }
}
