package dev.lockstep.internal.plan;

import dev.lockstep.ValidationIssue;
import dev.lockstep.internal.source.Checksum;
import dev.lockstep.internal.state.TargetState;
import java.util.List;

/** What to run, in order, and the issues that forbid running it (empty when it may run). */
public record Plan(List<PlanItem> items, List<ValidationIssue> issues, TargetState state) {

    public boolean blocked() {
        return !issues.isEmpty();
    }

    /**
     * A digest of what the plan runs: each item's action, migration and the checksums of its scripts. Two plans
     * with the same digest run the same SQL in the same order.
     */
    public String digest() {
        StringBuilder sb = new StringBuilder();
        for (PlanItem item : items) {
            var m = item.migration();
            sb.append(item.action()).append(' ').append(m.id()).append(' ').append(m.checksum()).append(' ')
                    .append(m.down() == null ? "-" : Checksum.of(m.down().text())).append('\n');
        }
        return Checksum.sha256Hex(sb.toString());
    }

    /** The ids of the items, in order: {@code 3, 4, R:views}. */
    public List<String> ids() {
        return items.stream().map(i -> i.migration().id()).toList();
    }
}
