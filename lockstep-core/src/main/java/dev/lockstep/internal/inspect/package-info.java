/** No compatibility guarantees: internal to Lockstep. Reads a database's catalogs into a schema snapshot. */
package dev.lockstep.internal.inspect;
