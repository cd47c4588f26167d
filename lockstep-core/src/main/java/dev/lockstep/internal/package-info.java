/**
 * Lockstep's implementation. Everything under {@code dev.lockstep.internal} carries no compatibility
 * guarantees: use the facade {@link dev.lockstep.Lockstep}, the SPI and the lint API instead.
 */
package dev.lockstep.internal;
