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
        StringBuilder out = new StringBuilder();
        for (String part : written.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(part.startsWith("\"") && part.endsWith("\"") && part.length() >= 2
                    ? part.substring(1, part.length() - 1).replace("\"\"", "\"") : part.toLowerCase(Locale.ROOT));
        }
        String name = out.toString();
        return name.startsWith("public.") ? name.substring("public.".length()) : name;
    }
}
