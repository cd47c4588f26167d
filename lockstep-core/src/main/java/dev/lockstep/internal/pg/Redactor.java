package dev.lockstep.internal.pg;

import java.util.regex.Pattern;

/** Removes passwords from URLs and from any text that may contain one, before it is shown or stored. */
public final class Redactor {
    private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*):[^/\\s]*@");
    private static final Pattern PARAM = Pattern.compile("(?i)([?&;]password=)[^&\\s]*");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = USERINFO.matcher(text).replaceAll("$1:***@");
        return PARAM.matcher(out).replaceAll("$1***");
    }

    /** Replaces every occurrence of a known secret, for messages that echo it in another form. */
    public static String redact(String text, String secret) {
        String out = redact(text);
        if (out == null || secret == null || secret.isEmpty()) {
            return out;
        }
        return out.replace(secret, "***");
    }
}
