package org.paperboy.mail;

import java.io.IOException;

/** The scripted SMTP server, for tests of other packages. */
public final class ScriptedSmtpServerAccess implements AutoCloseable {
  private final ScriptedSmtpServer server;

  public ScriptedSmtpServerAccess(String... repliesToData) throws IOException {
    this.server = new ScriptedSmtpServer(repliesToData);
  }

  public int port() {
    return server.port();
  }

  public int acceptedCount() {
    return server.accepted.size();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
