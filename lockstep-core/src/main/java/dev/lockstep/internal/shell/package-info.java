/** No compatibility guarantees: internal to Lockstep. Shell commands that hooks and checks run. */
package dev.lockstep.internal.shell;
