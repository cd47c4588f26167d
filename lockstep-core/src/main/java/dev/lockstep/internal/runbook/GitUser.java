package dev.lockstep.internal.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code name <email>} from git's configuration as seen from a directory, or null without git or a configured user. */
final class GitUser {
    private GitUser() {
    }

    static String of(Path dir) {
        String name = config(dir, "user.name");
        String email = config(dir, "user.email");
        if (name == null && email == null) {
            return null;
        }
        return name == null ? "<" + email + ">" : email == null ? name : name + " <" + email + ">";
    }

    private static String config(Path dir, String key) {
        try {
            Process p = new ProcessBuilder("git", "config", "--get", key).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
