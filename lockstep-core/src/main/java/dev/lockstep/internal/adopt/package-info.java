/**
 * No compatibility guarantees: internal to Lockstep. Taking over from another migration tool: reading
 * its history table, noticing one, keeping it written during a gradual switch.
 */
package dev.lockstep.internal.adopt;
