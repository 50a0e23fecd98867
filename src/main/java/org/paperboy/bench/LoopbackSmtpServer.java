package org.paperboy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server on loopback: the sink the mail benchmark sends to, and the peer whose reply
 * to each message's end-of-data tests script (451, 550, …) where GreenMail cannot. After the script
 * runs out every message is accepted and counted; its text (and that of every refused attempt) is
 * kept only if asked.
 */
public final class LoopbackSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final ConcurrentLinkedQueue<String> dataReplies;
  private final boolean keepMessages;
  private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
  private final AtomicLong acceptedCount = new AtomicLong();

  /** @param repliesToData the replies to the first messages' end of data, in order */
  public LoopbackSmtpServer(boolean keepMessages, String... repliesToData) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.keepMessages = keepMessages;
    this.dataReplies = new ConcurrentLinkedQueue<>(List.of(repliesToData));
    Thread.ofPlatform().daemon().name("loopback-smtp").start(this::acceptLoop);
  }

  public int port() {
    return socket.getLocalPort();
  }

  public long acceptedCount() {
    return acceptedCount.get();
  }

  /** The accepted messages' text (with keepMessages). */
  public List<String> accepted() {
    return List.copyOf(accepted);
  }

  /** Every message's text as it arrived, refused or accepted, in order (with keepMessages). */
  public List<String> received() {
    return List.copyOf(received);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        s.setTcpNoDelay(true);
        Thread.ofVirtual().start(() -> converse(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket s) {
    try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = s.getOutputStream();
      reply(out, "220 loopback ESMTP");
      StringBuilder data = null;
      for (String line; (line = in.readLine()) != null; ) {
        if (data != null) {
          if (!line.equals(".")) {
            if (keepMessages) data.append(line).append('\n');
            continue;
          }
          String r = dataReplies.poll();
          if (r == null) r = "250 OK";
          if (keepMessages) received.add(data.toString());
          if (r.startsWith("250")) {
            acceptedCount.incrementAndGet();
            if (keepMessages) accepted.add(data.toString());
          }
          reply(out, r);
          data = null;
          continue;
        }
        String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
        switch (cmd) {
          case "EHLO", "HELO" -> reply(out, "250 loopback");
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
  }
}
