/**
 * No compatibility guarantees: internal to Lockstep. Watching the database around a deploy's migration:
 * a sampler on a thread of its own, and a pure evaluation of its samples against the thresholds.
 */
package dev.lockstep.internal.watch;
