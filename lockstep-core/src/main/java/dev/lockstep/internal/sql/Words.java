package dev.lockstep.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Index-based reading of a statement's significant tokens, for the classifier. Out of range reads as "". */
final class Words {
    private final List<String> tokens;

    Words(List<String> tokens) {
        this.tokens = tokens;
    }

    int size() {
        return tokens.size();
    }

    String raw(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : "";
    }

    String upper(int i) {
        return raw(i).toUpperCase(Locale.ROOT);
    }

    boolean is(int i, String keyword) {
        return raw(i).equalsIgnoreCase(keyword);
    }

    boolean contains(String keyword) {
        return indexOf(keyword) >= 0;
    }

    int indexOf(String keyword) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equalsIgnoreCase(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code at + 1} when the word at {@code at} is the keyword, else {@code at}. */
    int skip(int at, String keyword) {
        return is(at, keyword) ? at + 1 : at;
    }

    int skipIfExists(int at) {
        return is(at, "IF") && is(at + 1, "EXISTS") ? at + 2 : at;
    }

    int skipIfNotExists(int at) {
        return is(at, "IF") && is(at + 1, "NOT") && is(at + 2, "EXISTS") ? at + 3 : at;
    }

    /** The possibly qualified name starting at {@code at}, as written; null when there is none. */
    String nameAt(int at) {
        if (!isName(at)) {
            return null;
        }
        if (!raw(at + 1).equals(".")) {
            return raw(at); // not qualified: most names
        }
        StringBuilder name = new StringBuilder(raw(at));
        int i = at + 1;
        while (raw(i).equals(".") && isName(i + 1)) {
            name.append('.').append(raw(i + 1));
            i += 2;
        }
        return name.toString();
    }

    /** How many tokens the name at {@code at} spans. */
    int nameLength(int at) {
        int i = at + 1;
        while (raw(i).equals(".") && isName(i + 1)) {
            i += 2;
        }
        return i - at;
    }

    String nameAfter(int keywordAt) {
        return keywordAt < 0 ? null : nameAt(keywordAt + 1);
    }

    /** A comma-separated list of names starting at {@code at}. */
    List<String> names(int at) {
        List<String> names = new ArrayList<>();
        int i = at;
        while (isName(i)) {
            names.add(nameAt(i));
            i += nameLength(i);
            if (!raw(i).equals(",")) {
                break;
            }
            i++;
        }
        return names;
    }

    boolean containsTopLevelComma(int from) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            } else if (depth == 0 && t.equals(",")) {
                return true;
            }
        }
        return false;
    }

    int closingParen(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).equals("(")) {
                depth++;
            } else if (tokens.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    private boolean isName(int i) {
        String t = raw(i);
        if (t.isEmpty()) {
            return false;
        }
        char c = t.charAt(0);
        return c == '"' || Character.isLetter(c) || c == '_';
    }
}
