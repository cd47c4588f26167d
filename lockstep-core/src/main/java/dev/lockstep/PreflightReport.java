package dev.lockstep;

import java.util.List;

/** The outcome of the preflight checks, each with what it measured against which threshold. */
public record PreflightReport(String database, String environment, List<Check> checks) {

    public enum Status { PASS, WARN, FAIL }

    /**
     * @param measured what was found, e.g. {@code 12 of 100 connections (12%)}
     * @param threshold what it was held against, e.g. {@code fail at 80%}; may be empty
     */
    public record Check(String name, Status status, String measured, String threshold) {
    }

    public boolean failed() {
        return checks.stream().anyMatch(c -> c.status() == Status.FAIL);
    }
}
