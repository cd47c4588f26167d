package dev.lockstep;

import java.util.List;

/** The outcome of {@code verify}: one result per assertion script, HTTP check and command. */
public record VerifyReport(String database, List<Result> results) {

    /**
     * @param kind {@code sql}, {@code http} or {@code command}
     * @param detail for a failure: the rows found (as a table), the status received, the command's output tail
     */
    public record Result(String kind, String name, boolean passed, String detail, long durationMs) {
    }

    public boolean passed() {
        return results.stream().allMatch(Result::passed);
    }
}
