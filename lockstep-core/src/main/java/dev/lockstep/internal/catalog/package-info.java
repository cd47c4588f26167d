/**
 * No compatibility guarantees: internal to Lockstep. The catalog fingerprint: {@link
 * dev.lockstep.internal.catalog.CatalogReader} reads it from a connection, {@link
 * dev.lockstep.internal.catalog.CatalogDiff} compares two of them without a database.
 */
package dev.lockstep.internal.catalog;
