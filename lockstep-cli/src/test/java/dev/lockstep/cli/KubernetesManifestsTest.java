package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifests of docs/kubernetes.md, as a user copies them. */
class KubernetesManifestsTest {
    private static final Path PAGE = Path.of("../docs/kubernetes.md");
    private static final String IMAGE = "image: registry.example.com/lockstep:";

    @TempDir
    Path work;

    static List<String> documents() throws IOException {
        String text = Files.readString(PAGE);
        List<String> docs = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            docs.addAll(Arrays.asList(m.group(1).split("\n---\n")));
        }
        return docs;
    }

    @Test
    void everyDocumentNamesItsApiVersionKindAndName() throws IOException {
        List<String> docs = documents();
        assertThat(docs).hasSize(5);
        for (String doc : docs) {
            assertThat(doc).doesNotContain("\t").containsPattern("(?m)^apiVersion: \\S+$")
                    .containsPattern("(?m)^kind: (Secret|ConfigMap|Job|Deployment)$")
                    .containsPattern("(?m)^metadata:\n  name: [a-z0-9-]+$");
        }
    }

    @Test
    void everyLockstepContainerRunsAValidCommandAsTheNonRootUser() throws IOException {
        int containers = 0;
        for (String doc : documents()) {
            for (String block : lockstepContainers(doc)) {
                containers++;
                List<String> args = args(block);
                // Parsed by the full command model: an unknown command or option, or a missing value, throws.
                var parsed = CommandModel.full(new CliContext(System.out, System.err, null, java.util.Map.of(), work,
                        java.time.Clock.systemUTC(), false)).parseArgs(args.toArray(String[]::new));
                assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(args.get(0));
                assertThat(parsed.subcommand().unmatched()).isEmpty();
                assertThat(doc.contains("runAsNonRoot: true") && doc.contains("runAsUser: 10001"))
                        .as("non-root in " + block).isTrue();
                assertThat(block).contains("secretKeyRef:").contains("name: DATABASE_URL");
                if (args.get(0).equals("serve")) {
                    String port = args.get(args.indexOf("--port") + 1);
                    assertThat(args).contains("--bind", "0.0.0.0");
                    assertThat(block).contains("readinessProbe:\n            httpGet:\n              path: /readyz\n"
                            + "              port: " + port + "\n").contains("path: /healthz\n              port: " + port);
                }
            }
        }
        assertThat(containers).as("the Job, the init container and the sidecar").isEqualTo(3);
    }

    /** Each container entry (from its "- name:" line to the next at the same indentation) using the image. */
    private static List<String> lockstepContainers(String doc) {
        List<String> out = new ArrayList<>();
        String[] lines = doc.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].trim().startsWith(IMAGE)) {
                continue;
            }
            int start = i;
            while (!lines[start].trim().startsWith("- name:")) {
                start--;
            }
            String indent = lines[start].substring(0, lines[start].indexOf('-'));
            StringBuilder b = new StringBuilder();
            for (int j = start; j < lines.length; j++) {
                if (j > start && (lines[j].startsWith(indent + "- ") || !lines[j].startsWith(indent + " "))) {
                    break;
                }
                b.append(lines[j]).append('\n');
            }
            out.add(b.toString());
        }
        return out;
    }

    private static List<String> args(String container) throws IOException {
        Matcher m = Pattern.compile("(?m)^\\s+args: (\\[.*\\])$").matcher(container);
        assertThat(m.find()).as("args in " + container).isTrue();
        return List.of(new ObjectMapper().readValue(m.group(1), String[].class));
    }
}
