package dev.lockstep.internal.pg;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * Connects pgjdbc to a server's Unix-domain socket, as libpq does for a host that is a directory
 * ({@code PGHOST=/var/run/postgresql}): pgjdbc asks this factory for a socket and "connects" it to
 * {@code localhost:port}; the socket connects to the file {@code <dir>/.s.PGSQL.<port>} instead. Named
 * to pgjdbc in the {@code socketFactory} property, the socket file in {@code socketFactoryArg}.
 */
public final class UnixSocketFactory extends SocketFactory {
    private final Path socketFile;

    /** pgjdbc's constructor: the argument is the socket file. */
    public UnixSocketFactory(String socketFile) {
        this.socketFile = Path.of(socketFile);
    }

    /** The socket file of the server listening in {@code directory} on {@code port}. */
    public static Path socketFile(String directory, int port) {
        return Path.of(directory, ".s.PGSQL." + port);
    }

    @Override
    public Socket createSocket() {
        return new UnixSocket(socketFile);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        UnixSocket socket = new UnixSocket(socketFile);
        socket.connect(null, 0);
        return socket;
    }
}
