package dev.lockstep.internal.lint;

import java.util.Locale;

/** Table names compared the way PostgreSQL resolves them in the default search path. */
public final class Names {
    private Names() {
    }

    /** {@code public."Users"} → {@code Users}; {@code App.T} → {@code app.t}. */
    public static String normalize(String written) {
        if (written == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(written.length());
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= written.length(); i++) {
            char c = i < written.length() ? written.charAt(i) : '.';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                String part = written.substring(start, i);
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(part.length() >= 2 && part.startsWith("\"") && part.endsWith("\"")
                        ? part.substring(1, part.length() - 1).replace("\"\"", "\"") : part.toLowerCase(Locale.ROOT));
                start = i + 1;
            }
        }
        String name = out.toString();
        return name.startsWith("public.") ? name.substring("public.".length()) : name;
    }
}
