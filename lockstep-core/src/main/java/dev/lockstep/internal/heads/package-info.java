/**
 * No compatibility guarantees: internal to Lockstep. Migrations added on parallel branches: found from
 * the files, the history and (when there is one) the git history; resolved by renumbering or by a
 * recorded order.
 */
package dev.lockstep.internal.heads;
