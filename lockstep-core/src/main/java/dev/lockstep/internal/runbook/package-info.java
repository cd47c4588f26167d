/** No compatibility guarantees: internal to Lockstep. */
package dev.lockstep.internal.runbook;
