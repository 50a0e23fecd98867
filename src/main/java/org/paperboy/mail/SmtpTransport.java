package org.paperboy.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * SMTP through Jakarta Mail. One connection is kept open across a batch and reopened when it drops.
 * Text-only mails are text/plain; mails with HTML are multipart/alternative (text first, as RFC 2046
 * asks: the last part is the preferred one).
 */
public final class SmtpTransport implements MailTransport {
  private final MailSettings settings;
  private final Session session;
  private Transport transport;

  public SmtpTransport(MailSettings settings) {
    this.settings = settings;
    Properties p = new Properties();
    p.put("mail.smtp.host", settings.host());
    p.put("mail.smtp.port", String.valueOf(settings.port()));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "30000");
    p.put("mail.smtp.writetimeout", "30000");
    if (settings.startTls()) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (settings.username() != null) p.put("mail.smtp.auth", "true");
    // SMTP is chatty small writes: with Nagle on, each message's last line waits for the server's
    // delayed ACK (~40 ms). Measured: 22 mails/s to a loopback sink with it, see README for without.
    p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
    this.session = Session.getInstance(p);
  }

  @Override
  public synchronized void send(QueuedMail queued) throws MailException {
    MimeMessage message;
    try {
      message = toMime(queued);
    } catch (MessagingException e) {
      throw new MailException("cannot build the mail to " + queued.mail().to() + ": " + e.getMessage(), true, e);
    }
    try {
      Transport t = connected();
      Address[] recipients = message.getAllRecipients();
      t.sendMessage(message, recipients);
    } catch (MessagingException e) {
      closeQuietly();
      int code = returnCode(e);
      boolean permanent = code >= 500 && code < 600;
      String what = code > 0 ? "SMTP " + code : "SMTP failure";
      throw new MailException(what + " sending to " + queued.mail().to() + ": " + firstLine(e.getMessage()), permanent, e);
    }
  }

  private Transport connected() throws MessagingException {
    if (transport == null || !transport.isConnected()) {
      transport = session.getTransport("smtp");
      transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
    }
    return transport;
  }

  MimeMessage toMime(QueuedMail queued) throws MessagingException {
    OutgoingMail m = queued.mail();
    String messageId = queued.messageId();
    // Jakarta Mail writes a fresh Message-ID on every save; ours must stay the same on every attempt.
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    message.setFrom(new InternetAddress(settings.from()));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(m.to(), true));
    message.setSubject(m.subject(), StandardCharsets.UTF_8.name());
    for (Map.Entry<String, String> h : m.headers().entrySet()) message.setHeader(h.getKey(), h.getValue());
    if (m.html() == null) {
      message.setText(m.text(), StandardCharsets.UTF_8.name());
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(m.text(), StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setText(m.html(), StandardCharsets.UTF_8.name(), "html");
      message.setContent(new MimeMultipart("alternative", text, html));
    }
    message.saveChanges();
    return message;
  }

  /** Plain sockets with TCP_NODELAY; STARTTLS still wraps them as usual. */
  private static final class NoDelaySocketFactory extends javax.net.SocketFactory {
    private final javax.net.SocketFactory plain = javax.net.SocketFactory.getDefault();

    @Override
    public java.net.Socket createSocket() throws java.io.IOException {
      return noDelay(plain.createSocket());
    }

    @Override
    public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
      return noDelay(plain.createSocket(host, port));
    }

    @Override
    public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) throws java.io.IOException {
      return noDelay(plain.createSocket(host, port, local, localPort));
    }

    @Override
    public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
      return noDelay(plain.createSocket(host, port));
    }

    @Override
    public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local, int localPort)
        throws java.io.IOException {
      return noDelay(plain.createSocket(host, port, local, localPort));
    }

    private static java.net.Socket noDelay(java.net.Socket s) throws java.io.IOException {
      s.setTcpNoDelay(true);
      return s;
    }
  }

  /** The SMTP reply code anywhere in the exception chain, or -1 (a lost connection has none). */
  private static int returnCode(Exception e) {
    for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
      if (x instanceof SMTPSendFailedException f) return f.getReturnCode();
      if (x instanceof SMTPAddressFailedException f) return f.getReturnCode();
      if (x instanceof SMTPSenderFailedException f) return f.getReturnCode();
    }
    return -1;
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private void closeQuietly() {
    if (transport == null) return;
    try {
      transport.close();
    } catch (MessagingException ignored) {
      // already broken
    }
    transport = null;
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}
