package dev.lockstep.internal.runbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lockstep.DeployPlan;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.plan.PlanHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** A deploy plan saved as JSON for review: written by {@code deploy --plan-out}, read by {@code --plan} and {@code approve}. */
final class PlanFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanFile() {
    }

    static void write(Path file, DeployPlan plan) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, JSON.writeValueAsString(plan) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.PLAN_FILE, "could not write the plan to " + file + ": " + e,
                    "check that the directory exists and is writable");
        }
    }

    /**
     * Reads a saved plan and checks it against its own hash: a file edited after it was saved is refused, as
     * its approvals were given to what it said before.
     *
     * @param shown the file as the user named it
     */
    static DeployPlan read(Path file, String shown) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LockstepException(ErrorCode.PLAN_FILE, "plan file " + shown + " does not exist",
                    "save one with 'lockstep deploy --dry-run --plan-out " + shown + "'");
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.PLAN_FILE, "cannot read plan file " + shown + ": " + e,
                    "check the path and its permissions");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw notAPlan(shown, "not valid JSON (" + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ")");
        }
        if (tree == null || !tree.isObject() || !tree.path("hash").isTextual() || !tree.path("inputs").isObject()) {
            throw notAPlan(shown, "it has no hash or no inputs");
        }
        if (tree.path("format").asInt(-1) != DeployPlan.FORMAT) {
            throw new LockstepException(ErrorCode.PLAN_FILE, "plan file " + shown + " has format "
                    + tree.path("format") + "; this Lockstep reads format " + DeployPlan.FORMAT,
                    "save the plan again with this Lockstep: 'lockstep deploy --dry-run --plan-out " + shown + "'");
        }
        String recorded = tree.get("hash").asText();
        String actual = PlanHash.of(tree);
        if (!recorded.equals(actual)) {
            throw new LockstepException(ErrorCode.PLAN_CHANGED, "plan file " + shown + " was changed after it was "
                    + "saved: its content hashes to " + actual + ", not the " + recorded + " it records; nothing was done",
                    "save the plan again with 'lockstep deploy --dry-run --plan-out " + shown + "' and have it "
                            + "reviewed again; approvals are given to a hash, not to a file");
        }
        try {
            return JSON.treeToValue(tree, DeployPlan.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw notAPlan(shown, e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Refuses (exit 5), naming each difference, when a plan made now is not the saved one. */
    static void requireSame(DeployPlan saved, DeployPlan now, String shown, String doing) {
        if (saved.hash().equals(now.hash())) {
            return;
        }
        List<String> changes = PlanDiff.between(saved, now);
        throw new LockstepException(ErrorCode.PLAN_CHANGED, doing + " no longer matches plan " + shown + " ("
                + saved.shortHash() + " saved, " + now.shortHash() + " now): " + String.join("; ", changes)
                + "; nothing was done", "review the change, save a new plan with 'lockstep deploy --dry-run "
                + "--plan-out " + shown + "' and have it approved again");
    }

    private static LockstepException notAPlan(String shown, String why) {
        return new LockstepException(ErrorCode.PLAN_FILE, "plan file " + shown + " is not a Lockstep deploy plan: "
                + why, "use the file 'lockstep deploy --dry-run --plan-out FILE' wrote, unchanged");
    }
}
