/**
 * No compatibility guarantees: internal to Lockstep. Rehearsals of pending migrations on a scratch copy:
 * up, down and up again, with the schema compared after each step.
 */
package dev.lockstep.internal.rehearse;
