/**
 * Readiness of a target for the probes of {@code serve} and the Spring Boot starter: one read-only pass
 * over the files and the history. No compatibility guarantees.
 */
package dev.lockstep.internal.health;
