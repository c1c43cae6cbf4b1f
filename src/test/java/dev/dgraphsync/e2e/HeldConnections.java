package dev.dgraphsync.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of PostgreSQL that can hold what its clients send, as a network that stalls: held, a connection
 * finishes the transaction it is in, and what it sends after (the start of its next transaction) waits here, unsent;
 * released, it goes on in order. What the server sends back is never held. An instance whose warehouse connections go
 * through it is stopped between reading Dgraph and committing, holding no lock in the database.
 *
 * <p>It reads the transaction status from the server's ReadyForQuery messages, so its clients connect without TLS or
 * GSS encryption ({@code sslmode=disable&gssEncMode=disable}).
 */
final class HeldConnections implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Status> connections = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean held;

    HeldConnections(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "held-connections-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on, what clients send waits here. */
    void hold() {
        synchronized (gate) {
            held = true;
        }
    }

    /** What waited goes on, and what clients send from now on. */
    void release() {
        synchronized (gate) {
            held = false;
            gate.notifyAll();
        }
    }

    /** How many connections are in a transaction now. */
    long openTransactions() {
        return connections.stream().filter(c -> !c.idle()).count();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                Status status = new Status();
                connections.add(status);
                relay(client, target, status, true);
                relay(target, client, status, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to, Status status, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (fromClient) {
                        awaitRelease(status);
                    } else {
                        status.read(buffer, n);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException ended) {
                // one side closed: the other follows
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "held-connections-relay");
        t.setDaemon(true);
        t.start();
    }

    /** Held, a connection out of a transaction waits. */
    private void awaitRelease(Status status) throws InterruptedException {
        synchronized (gate) {
            while (held && status.idle()) {
                gate.wait();
            }
        }
    }

    /**
     * A connection's transaction status, from the server's messages (a type byte, then a length that counts itself):
     * the last ReadyForQuery ('Z') says 'I' (idle), 'T' (in a transaction) or 'E' (in a failed one).
     */
    private static final class Status {
        private volatile char last = 'I';
        private int type = -1;
        private int lengthBytes;
        private int length;
        private int left;

        boolean idle() {
            return last == 'I';
        }

        void read(byte[] bytes, int n) {
            for (int i = 0; i < n; i++) {
                int b = bytes[i] & 0xff;
                if (type < 0) {
                    type = b;
                    lengthBytes = 0;
                    length = 0;
                } else if (lengthBytes < 4) {
                    length = (length << 8) | b;
                    if (++lengthBytes == 4) {
                        left = length - 4;
                        if (left == 0) {
                            type = -1;
                        }
                    }
                } else {
                    if (type == 'Z' && left == 1) {
                        last = (char) b;
                    }
                    if (--left == 0) {
                        type = -1;
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        release();
        server.close();
        sockets.forEach(HeldConnections::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
