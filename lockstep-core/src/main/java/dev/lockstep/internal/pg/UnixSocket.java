package dev.lockstep.internal.pg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A {@link java.net.Socket} over the JDK's Unix-domain socket channel, for pgjdbc. The channel is
 * non-blocking and waited on with selectors, so that a read honours {@link #setSoTimeout} the way a TCP
 * socket does (pgjdbc relies on it for its network timeout). TCP options have no meaning here and are
 * accepted and ignored.
 */
final class UnixSocket extends java.net.Socket {
    private final Path file;
    private SocketChannel channel;
    private Selector readable;
    private Selector writable;
    private volatile int soTimeout;
    private volatile boolean closed;
    private InputStream in;
    private OutputStream out;

    UnixSocket(Path file) {
        this.file = file;
    }

    /** Connects to the socket file, whatever address pgjdbc names (it names localhost and the port). */
    @Override
    public synchronized void connect(SocketAddress ignored, int timeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(file));
            ch.configureBlocking(false);
            readable = Selector.open();
            writable = Selector.open();
            ch.register(readable, SelectionKey.OP_READ);
            ch.register(writable, SelectionKey.OP_WRITE);
        } catch (IOException e) {
            ch.close();
            if (readable != null) {
                readable.close();
            }
            throw new SocketException("cannot connect to the socket " + file + ": " + reason(e));
        }
        channel = ch;
        in = new In();
        out = new Out();
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        requireConnected();
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        requireConnected();
        return out;
    }

    private void requireConnected() throws SocketException {
        if (channel == null || closed) {
            throw new SocketException(closed ? "socket closed" : "socket not connected");
        }
    }

    @Override
    public void setSoTimeout(int timeout) {
        this.soTimeout = timeout;
    }

    @Override
    public int getSoTimeout() {
        return soTimeout;
    }

    // TCP options: meaningless on a Unix-domain socket.
    @Override
    public void setTcpNoDelay(boolean on) {
    }

    @Override
    public boolean getTcpNoDelay() {
        return true;
    }

    @Override
    public void setKeepAlive(boolean on) {
    }

    @Override
    public boolean getKeepAlive() {
        return false;
    }

    @Override
    public void setSendBufferSize(int size) {
    }

    @Override
    public int getSendBufferSize() {
        return 65536;
    }

    @Override
    public void setReceiveBufferSize(int size) {
    }

    @Override
    public int getReceiveBufferSize() {
        return 65536;
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        throw new SocketException("a Unix-domain socket connection has no local address to bind");
    }

    @Override
    public InetAddress getInetAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public boolean isConnected() {
        return channel != null;
    }

    @Override
    public boolean isBound() {
        return channel != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            try {
                channel.close();
            } finally {
                readable.close();
                writable.close();
            }
        }
    }

    @Override
    public String toString() {
        return "UnixSocket[" + file + "]";
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            synchronized (readable) {
                while (true) {
                    int n = channel.read(buf);
                    if (n != 0) {
                        return n;
                    }
                    int timeout = soTimeout;
                    int ready = readable.select(timeout);
                    readable.selectedKeys().clear();
                    if (ready == 0 && timeout > 0) {
                        throw new SocketTimeoutException("read timed out after " + timeout + " ms");
                    }
                    if (closed) {
                        throw new SocketException("socket closed");
                    }
                }
            }
        }

        @Override
        public int available() throws IOException {
            return 0;
        }

        @Override
        public void close() throws IOException {
            UnixSocket.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            synchronized (writable) {
                while (buf.hasRemaining()) {
                    if (channel.write(buf) == 0) {
                        writable.select();
                        writable.selectedKeys().clear();
                        if (closed) {
                            throw new SocketException("socket closed");
                        }
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            UnixSocket.this.close();
        }
    }
}
