/**
 * No compatibility guarantees: internal to Lockstep. Snapshots of the target, drift between it and what
 * its migrations produce, and the version a database without history is at.
 */
package dev.lockstep.internal.drift;
