/** No compatibility guarantees: the built-in lint rules, one class per rule. */
package dev.lockstep.internal.lint.rules;
