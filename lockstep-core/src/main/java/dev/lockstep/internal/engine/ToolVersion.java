package dev.lockstep.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Lockstep's own version, as the build recorded it; recorded in the history with every migration. */
public final class ToolVersion {
    private static final String VERSION = read();

    private ToolVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/dev/lockstep/lockstep.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
