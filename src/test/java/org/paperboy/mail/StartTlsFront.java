package org.paperboy.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP front that speaks STARTTLS (RFC 3207) and hands the encrypted session to a real SMTP server
 * (GreenMail, which offers no STARTTLS of its own): before TLS it answers only EHLO, HELO, STARTTLS
 * and QUIT, refusing everything else with 530; after the handshake it relays the session, so the
 * client's login and mail reach GreenMail, which checks the password and keeps the message. It
 * records what it saw, so a test can tell the mail went out encrypted and logged in.
 */
final class StartTlsFront implements AutoCloseable {
  static final String PASSWORD = "changeit";

  private final ServerSocket socket;
  private final SSLContext tls;
  private final int serverPort;
  final ConcurrentLinkedQueue<String> refusedInPlain = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<String> tlsProtocols = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<String> commandsOverTls = new ConcurrentLinkedQueue<>();

  /** @param keyStore a PKCS12 key store holding the front's key and certificate, password {@link #PASSWORD} */
  StartTlsFront(Path keyStore, int serverPort) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    this.tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    this.serverPort = serverPort;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("starttls-front").start(this::acceptLoop);
  }

  /**
   * A key store for 127.0.0.1 made by the JDK's own keytool, valid two days: the front's key, and for
   * the client the trust store (javax.net.ssl.trustStore) that makes its certificate trusted.
   */
  static Path makeKeyStore(Path dir) throws IOException, InterruptedException {
    Path ks = dir.resolve("smtp-tls.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(1, java.util.concurrent.TimeUnit.MINUTES) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    return ks;
  }

  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        client.setSoTimeout(60_000);
        Thread.ofVirtual().start(() -> converse(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void converse(Socket plain) {
    try (plain) {
      InputStream in = plain.getInputStream();
      OutputStream out = plain.getOutputStream();
      reply(out, "220 front ESMTP");
      for (String line; (line = readLine(in)) != null; ) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
        switch (verb) {
          case "EHLO" -> reply(out, "250-front\r\n250 STARTTLS");
          case "HELO" -> reply(out, "250 front");
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          case "STAR" -> {
            reply(out, "220 2.0.0 ready to start TLS");
            relayOverTls(plain);
            return;
          }
          default -> {
            refusedInPlain.add(line);
            reply(out, "530 5.7.0 Must issue a STARTTLS command first");
          }
        }
      }
    } catch (IOException ignored) {
      // the client hung up
    }
  }

  private void relayOverTls(Socket plain) throws IOException {
    try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
      secure.setUseClientMode(false);
      secure.startHandshake();
      tlsProtocols.add(secure.getSession().getProtocol());
      readLine(server.getInputStream()); // the server's own greeting: the client had ours
      Thread toClient = Thread.ofVirtual().start(() -> pipe(server, secure, false));
      pipe(secure, server, true);
      try {
        toClient.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Copies bytes; from the client, also notes each command line (not the message) it sends. */
  private void pipe(Socket from, Socket to, boolean fromClient) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean inData = false;
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (fromClient) {
          for (int i = 0; i < n; i++) {
            if (buffer[i] != '\n') {
              line.write(buffer[i]);
              continue;
            }
            String l = line.toString(StandardCharsets.US_ASCII).strip();
            line.reset();
            if (inData) {
              inData = !l.equals(".");
            } else {
              commandsOverTls.add(l);
              inData = l.equalsIgnoreCase("DATA");
            }
          }
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // one side hung up
    } finally {
      try {
        to.shutdownOutput();
      } catch (IOException | UnsupportedOperationException ignored) {
        // already closed
      }
    }
  }

  /** The commands the client sent over TLS, by verb (AUTH, MAIL, …). */
  List<String> verbsOverTls() {
    return commandsOverTls.stream().map(c -> c.split(" ")[0].toUpperCase(Locale.ROOT)).toList();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') return line.toString(StandardCharsets.US_ASCII).strip();
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
