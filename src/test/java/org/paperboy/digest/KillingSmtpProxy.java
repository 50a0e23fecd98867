package org.paperboy.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a real SMTP server that runs {@code onDataCommand} when the client sends
 * its Nth DATA command, before passing it on: a test uses it to kill a sending process in the middle
 * of a batch, at a moment when message N has not reached the server.
 */
final class KillingSmtpProxy implements AutoCloseable {
  private final ServerSocket socket;
  private final int targetPort;
  private final int killAtData;
  private final Runnable onDataCommand;
  private final AtomicInteger dataCommands = new AtomicInteger();

  KillingSmtpProxy(int targetPort, int killAtData, Runnable onDataCommand) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    this.killAtData = killAtData;
    this.onDataCommand = onDataCommand;
    Thread.ofPlatform().daemon().start(this::acceptLoop);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        client.setTcpNoDelay(true); // small SMTP lines must not wait for delayed ACKs
        server.setTcpNoDelay(true);
        Thread.ofVirtual().start(() -> pipe(server, client, false));
        Thread.ofVirtual().start(() -> pipe(client, server, true));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Copies bytes in chunks; on the client side, watches whole lines for "DATA". */
  private void pipe(Socket from, Socket to, boolean watch) {
    try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      byte[] buffer = new byte[16 * 1024];
      StringBuilder line = new StringBuilder();
      boolean inMessage = false;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (watch) {
          for (int i = 0; i < n; i++) {
            line.append((char) buffer[i]);
            if (buffer[i] != '\n') continue;
            String l = line.toString().strip();
            line.setLength(0);
            if (!inMessage && l.equalsIgnoreCase("DATA")) {
              inMessage = true;
              if (dataCommands.incrementAndGet() == killAtData) {
                onDataCommand.run(); // nothing of this chunk reaches the server
                return;
              }
            } else if (inMessage && l.equals(".")) {
              inMessage = false;
            }
          }
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // one side hung up
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
