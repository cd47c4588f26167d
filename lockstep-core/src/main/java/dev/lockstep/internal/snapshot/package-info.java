/**
 * No compatibility guarantees: internal to Lockstep. The schema snapshot as a value: its objects, its
 * text form, and the difference between two snapshots. Pure: no JDBC.
 */
package dev.lockstep.internal.snapshot;
