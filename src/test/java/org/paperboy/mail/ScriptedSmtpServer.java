package org.paperboy.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP peer on loopback whose reply to each message's end-of-data is scripted (451, 550, 250…),
 * for the failures GreenMail cannot produce. After the script runs out every message is accepted.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final ConcurrentLinkedQueue<String> dataReplies;
  final List<String> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  ScriptedSmtpServer(String... repliesToData) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.dataReplies = new ConcurrentLinkedQueue<>(List.of(repliesToData));
    this.acceptor = Thread.ofPlatform().daemon().start(this::acceptLoop);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread.ofVirtual().start(() -> converse(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket s) {
    try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = s.getOutputStream();
      reply(out, "220 scripted ESMTP");
      String line;
      StringBuilder data = null;
      while ((line = in.readLine()) != null) {
        if (data != null) {
          if (line.equals(".")) {
            String r = dataReplies.poll();
            if (r == null) r = "250 OK";
            if (r.startsWith("250")) accepted.add(data.toString());
            reply(out, r);
            data = null;
          } else {
            data.append(line).append('\n');
          }
          continue;
        }
        String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
        switch (cmd) {
          case "EHLO", "HELO" -> reply(out, "250 scripted");
          case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
          case "DATA" -> {
            reply(out, "354 go ahead");
            data = new StringBuilder();
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 not implemented");
        }
      }
    } catch (IOException ignored) {
      // the client hung up
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }
}
