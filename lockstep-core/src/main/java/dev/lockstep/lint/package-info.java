/** Safety lint results: findings ({@link dev.lockstep.lint.Violation}), their report and the rules' descriptions. */
package dev.lockstep.lint;
