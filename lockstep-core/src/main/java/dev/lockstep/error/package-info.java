/** Errors Lockstep reports: {@link dev.lockstep.error.LockstepException} and its {@link dev.lockstep.error.ErrorCode}. */
package dev.lockstep.error;
