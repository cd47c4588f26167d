package dev.lockstep.cli.commands;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the PostgreSQL wire protocol, on a loopback port, for the driver to log in (any number
 * of connections) and run queries that each return one text value. Used only by the warm-up run so that the launcher's
 * class-data-sharing archive holds the driver's protocol classes; never a database.
 */
final class ProtocolStub implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private final ServerSocket server;
    private final Thread thread;

    ProtocolStub() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "lockstep-warmup-stub");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Serves each connection on a thread of its own until the stub is closed. */
    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> session(s), "lockstep-warmup-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (Socket s = socket; DataInputStream in = new DataInputStream(s.getInputStream());
             DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            while (true) {
                int len = in.readInt();
                int code = in.readInt();
                in.readFully(new byte[len - 8]);
                if (code != SSL_REQUEST && code != GSS_REQUEST) {
                    break;
                }
                out.write('N');
                out.flush();
            }
            message(out, 'R', new byte[] {0, 0, 0, 0});
            for (String[] p : new String[][] {{"server_version", "15.0"}, {"client_encoding", "UTF8"},
                    {"DateStyle", "ISO, MDY"}, {"integer_datetimes", "on"}, {"standard_conforming_strings", "on"},
                    {"TimeZone", "UTC"}}) {
                message(out, 'S', cstrings(p[0], p[1]));
            }
            message(out, 'K', new byte[] {0, 0, 0, 1, 0, 0, 0, 1});
            message(out, 'Z', new byte[] {'I'});
            out.flush();
            boolean described = false;
            while (true) {
                int type = in.read();
                if (type < 0 || type == 'X') {
                    return;
                }
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                switch (type) {
                    case 'P' -> message(out, '1', new byte[0]);
                    case 'B' -> message(out, '2', new byte[0]);
                    case 'D' -> described = true;
                    case 'E' -> {
                        if (described) {
                            message(out, 'T', rowDescription());
                        }
                        message(out, 'D', dataRow("t"));
                        message(out, 'C', cstrings("SELECT 1"));
                        described = false;
                    }
                    case 'Q' -> {
                        // The driver's set-up statements (SET ...) arrive as simple queries.
                        message(out, 'C', cstrings("SET"));
                        message(out, 'Z', new byte[] {'I'});
                        out.flush();
                    }
                    case 'S' -> {
                        message(out, 'Z', new byte[] {'I'});
                        out.flush();
                    }
                    default -> { }
                }
            }
        } catch (IOException ignored) {
            // The client went away: the warm-up is over.
        }
    }

    private static byte[] rowDescription() throws IOException {
        var b = new java.io.ByteArrayOutputStream();
        var d = new DataOutputStream(b);
        d.writeShort(1);
        d.write("v".getBytes(StandardCharsets.UTF_8));
        d.write(0);
        d.writeInt(0);
        d.writeShort(0);
        d.writeInt(25);
        d.writeShort(-1);
        d.writeInt(-1);
        d.writeShort(0);
        return b.toByteArray();
    }

    private static byte[] dataRow(String value) throws IOException {
        var b = new java.io.ByteArrayOutputStream();
        var d = new DataOutputStream(b);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        d.writeShort(1);
        d.writeInt(v.length);
        d.write(v);
        return b.toByteArray();
    }

    private static byte[] cstrings(String... strings) {
        var b = new java.io.ByteArrayOutputStream();
        for (String s : strings) {
            b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }

    private static void message(DataOutputStream out, char type, byte[] body) throws IOException {
        out.write(type);
        out.writeInt(body.length + 4);
        out.write(body);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
