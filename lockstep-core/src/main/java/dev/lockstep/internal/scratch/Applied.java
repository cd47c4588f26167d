package dev.lockstep.internal.scratch;

import dev.lockstep.MigrationState;
import dev.lockstep.internal.state.Reconciled;
import dev.lockstep.internal.state.TargetState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which migrations a target has applied, as ids ({@link dev.lockstep.internal.source.ResolvedMigration#id()}),
 * and what keeps a scratch copy built from their files from being exactly the target's schema.
 */
public record Applied(Set<String> ids, List<String> notes) {

    public static Applied of(TargetState state) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        for (Reconciled r : state.states()) {
            String id = r.migration() != null ? r.migration().id() : r.version();
            switch (r.state()) {
                case APPLIED, BELOW_BASELINE -> ids.add(id);
                case CHANGED -> {
                    ids.add(id);
                    notes.add("migration " + r.version() + " changed since it was applied; its file as it is now is "
                            + "used");
                }
                case OUTDATED -> {
                    ids.add(id);
                    notes.add("repeatable migration '" + r.description() + "' changed since it last ran; its file "
                            + "as it is now is used");
                }
                case MISSING -> notes.add("migration " + r.version() + " was applied but its file is gone; what it did "
                        + "is not in the expected schema");
                case PARTIALLY_APPLIED -> notes.add("migration " + r.version() + " is partially applied; the "
                        + "statements that ran are not in the expected schema");
                case BASELINE -> notes.add("the database was baselined at " + r.version() + "; the files up to it are "
                        + "taken to have built it");
                default -> {
                    if (r.state() == MigrationState.FAILED && r.lastSuccess() != null) {
                        ids.add(id);
                    }
                }
            }
        }
        return new Applied(Set.copyOf(ids), List.copyOf(notes));
    }
}
