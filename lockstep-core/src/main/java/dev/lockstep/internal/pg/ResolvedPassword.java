package dev.lockstep.internal.pg;

import java.util.Properties;
import org.postgresql.plugin.AuthenticationPlugin;
import org.postgresql.plugin.AuthenticationRequestType;

/**
 * Gives pgjdbc the password Lockstep resolved as libpq does (the URL, PGPASSWORD, then the password file
 * if only its owner can read it), and nothing else. Without it pgjdbc, given no password, reads
 * PGPASSFILE or ~/.pgpass on its own, including a file that others can read, which psql refuses.
 */
public final class ResolvedPassword implements AuthenticationPlugin {
    /** The connection property that carries the resolved password to this plugin; absent when there is none. */
    static final String PROPERTY = "lockstep.resolvedPassword";

    private final String password;

    /** pgjdbc's constructor: the connection's properties. */
    public ResolvedPassword(Properties info) {
        this.password = info.getProperty(PROPERTY);
    }

    @Override
    public char[] getPassword(AuthenticationRequestType type) {
        // pgjdbc wipes the array after use: a fresh copy each time.
        return password == null ? null : password.toCharArray();
    }
}
