/** Test support for Lockstep and its users: a real PostgreSQL per test class, golden files. */
package dev.lockstep.testkit;
