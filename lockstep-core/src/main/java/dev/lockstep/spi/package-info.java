/** Extension points: listeners of a run. More (sources, backups, notifiers) join as they are built. */
package dev.lockstep.spi;
