/**
 * No compatibility guarantees: internal to Lockstep. Throwaway databases on which chosen migrations are
 * applied, rolled back and read back as snapshots: the ground of drift, rehearse and baseline detection.
 */
package dev.lockstep.internal.scratch;
