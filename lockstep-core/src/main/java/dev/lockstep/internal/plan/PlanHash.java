package dev.lockstep.internal.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.DeployPlan;
import dev.lockstep.internal.source.Checksum;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The hash of a deploy plan: SHA-256 over a canonical JSON form (object keys sorted, no spaces) of the parts it
 * covers. The same function hashes a plan just made and one read back from a file, so a file edited after it
 * was saved no longer matches its own hash.
 */
public final class PlanHash {
    /** The parts of a plan the hash covers. */
    public static final List<String> COVERED = List.of("inputs", "migrations", "down", "irreversible", "lint");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanHash() {
    }

    /** {@code sha256:<hex>} of a plan's covered parts. */
    public static String of(DeployPlan plan) {
        return of(JSON.valueToTree(plan));
    }

    /** {@code sha256:<hex>} of the covered parts of a plan as read from a file. */
    public static String of(JsonNode plan) {
        ObjectNode covered = JSON.createObjectNode();
        for (String part : COVERED) {
            covered.set(part, plan.path(part).isMissingNode() ? JSON.nullNode() : plan.get(part));
        }
        try {
            return "sha256:" + Checksum.sha256Hex(JSON.writeValueAsString(canonical(covered)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = JSON.createObjectNode();
            for (String name : names) {
                out.set(name, canonical(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(canonical(e)));
            return out;
        }
        return node;
    }
}
