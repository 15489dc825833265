package dev.sluice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a real service that can stop passing the service's answers on while
 * keeping every connection open: what a client sees when a server hangs, or a network drops packets
 * without resetting anything. Clients must then give up by their own timeouts.
 *
 * <p>{@link #stall()} holds back only the direction from the service back to its clients; requests
 * still reach the service, as they would when its answers are lost on the way. {@link #freeze()}
 * holds back both: the proxy stops reading what clients send, so once the sockets' buffers are full
 * a client's writes block, as they do against a server that no longer reads.
 */
public final class StallingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private boolean stalled;
  private boolean frozen;

  private StallingProxy(String targetHost, int targetPort) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    Thread.ofVirtual().name("stalling-proxy-accept").start(this::accept);
  }

  /** Starts a proxy on a free loopback port that forwards to {@code host:port}. */
  public static StallingProxy to(String host, int port) {
    try {
      return new StallingProxy(host, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** From now on the service's answers are held back; connections stay open. */
  public void stall() {
    synchronized (gate) {
      stalled = true;
    }
  }

  /** From now on nothing passes either way; connections stay open. */
  public void freeze() {
    synchronized (gate) {
      frozen = true;
    }
  }

  /** Passes everything on again, what was held back first. */
  public void resume() {
    synchronized (gate) {
      stalled = false;
      frozen = false;
      gate.notifyAll();
    }
  }

  @Override
  public void close() throws IOException {
    resume();
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        continue; // closed: the loop ends
      }
      try {
        Socket service = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(service);
        Thread.ofVirtual().start(() -> pump(client, service, false));
        Thread.ofVirtual().start(() -> pump(service, client, true));
      } catch (IOException e) {
        closeQuietly(client); // the service refused: so does the proxy
      }
    }
  }

  private void pump(Socket from, Socket to, boolean answers) {
    var buffer = new byte[8192];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        awaitPassing(answers);
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // either side closed: the other goes down with it
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void awaitPassing(boolean answers) throws InterruptedException {
    synchronized (gate) {
      while (frozen || (answers && stalled)) {
        gate.wait();
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
