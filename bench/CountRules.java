import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints "rule count" lines for a lint result: Lockstep's JSON ({"violations": [{"rule": ...}]}) or
 * squawk's JSON reporter ([{"rule_name": ...}]). Run with the Lockstep jar on the class path (for Jackson).
 */
public class CountRules {
    public static void main(String[] args) throws Exception {
        JsonNode root = new ObjectMapper().readTree(new File(args[0]));
        JsonNode list = root.isArray() ? root : root.path("violations");
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode v : list) {
            String rule = v.has("rule_name") ? v.path("rule_name").asText() : v.path("rule").asText();
            counts.merge(rule, 1, Integer::sum);
        }
        counts.forEach((rule, n) -> System.out.println(rule + " " + n));
    }
}
