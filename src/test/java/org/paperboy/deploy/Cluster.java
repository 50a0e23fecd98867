package org.paperboy.deploy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.support.ChildJvm;

/**
 * Several real {@code paperboy serve} processes on one PostgreSQL store behind a real HAProxy, each
 * node with its own data directory (its own search index), all on dynamic loopback ports. The proxy
 * config is the one docs/deploy.md shows; slots for nodes not started yet wait in maintenance.
 */
final class Cluster implements AutoCloseable {
  static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
  private static final Pattern SERVING = Pattern.compile("serving on http://[^/:]+:(\\d+)/");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final String dbUrl;
  private final List<String> extraArgs;
  private final Node[] nodes;
  private final int proxyPort;
  private final Path adminSocket;
  private Process haproxy;

  /** One serve process; {@code port} is 0 until it started. */
  static final class Node {
    final String name;
    final Path data;
    final Path log;
    Process process;
    int port;

    Node(String name, Path data, Path log) {
      this.name = name;
      this.data = data;
      this.log = log;
    }

    String base() {
      return "http://127.0.0.1:" + port;
    }
  }

  Cluster(Path dir, String dbUrl, int slots, List<String> extraArgs) throws IOException {
    this.dir = dir;
    this.dbUrl = dbUrl;
    this.extraArgs = extraArgs;
    this.nodes = new Node[slots];
    for (int i = 0; i < slots; i++) {
      nodes[i] = new Node("node" + (i + 1), dir.resolve("node" + (i + 1)), dir.resolve("node" + (i + 1) + ".log"));
    }
    this.proxyPort = freePort();
    this.adminSocket = dir.resolve("haproxy.sock");
  }

  Node node(int i) {
    return nodes[i];
  }

  String proxy() {
    return "http://127.0.0.1:" + proxyPort;
  }

  /** Starts {@code count} nodes, then the proxy in front of every slot. */
  Cluster start(int count) throws Exception {
    for (int i = 0; i < count; i++) launch(nodes[i]);
    for (int i = 0; i < count; i++) awaitServing(nodes[i]);
    Path config = Files.writeString(dir.resolve("haproxy.cfg"), haproxyConfig());
    haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(adminSocket));
    for (int i = 0; i < count; i++) {
      admin("set server paperboy/" + nodes[i].name + " addr 127.0.0.1 port " + nodes[i].port);
      admin("set server paperboy/" + nodes[i].name + " state ready");
    }
    for (int i = 0; i < count; i++) awaitProxyState(nodes[i], "UP");
    return this;
  }

  /**
   * The HAProxy configuration: a health check every second (5 s to answer: a loaded node is slow, not
   * dead), a node out after 2 failed checks or 3 refused connections, back after 2 passes; a request
   * whose connection was refused is sent to another node (never one that reached a node).
   */
  String haproxyConfig() {
    StringBuilder servers = new StringBuilder();
    for (Node n : nodes) {
      // a slot starts in maintenance on a placeholder port; the admin socket gives it its real address
      servers.append("    server ").append(n.name).append(" 127.0.0.1:9 check disabled\n");
    }
    return """
        global
            stats socket %s mode 600 level admin
            maxconn 1024
        defaults
            mode http
            timeout connect 2s
            timeout client 30s
            timeout server 30s
            timeout check 5s
            retries 2
            option redispatch
            option forwardfor
        frontend site
            bind 127.0.0.1:%d
            default_backend paperboy
        backend paperboy
            balance roundrobin
            option httpchk GET /health
            http-check expect status 200
            default-server inter 1s fall 2 rise 2 observe layer4 error-limit 3 on-error mark-down
        %s""".formatted(adminSocket, proxyPort, servers);
  }

  void launch(Node n) throws IOException {
    List<String> args = new ArrayList<>(List.of("serve", "--data", n.data.toString(), "--db", dbUrl, "--port", "0",
        "--host", "127.0.0.1", "--behind-proxy",
        // vectors are left to embed workers: three nodes embedding on this 2-core machine would measure that
        "--embed-threads", "0"));
    args.addAll(extraArgs);
    Files.deleteIfExists(n.log);
    n.port = 0;
    n.process = ChildJvm.start(n.log, args.toArray(String[]::new));
  }

  void awaitServing(Node n) throws IOException {
    try {
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
        if (!n.process.isAlive()) throw new AssertionError(n.name + " exited; log:\n" + Files.readString(n.log));
        if (!Files.exists(n.log)) return false;
        Matcher m = SERVING.matcher(Files.readString(n.log));
        if (!m.find()) return false;
        n.port = Integer.parseInt(m.group(1));
        return true;
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(n.name + " did not say it was serving within 3 minutes; log:\n"
          + (Files.exists(n.log) ? Files.readString(n.log) : "(none)"), e);
    }
  }

  /** Starts a node into its slot (a late joiner, or one restarted after a kill) and points the proxy at it. */
  void join(int i) throws Exception {
    Node n = nodes[i];
    launch(n);
    awaitServing(n);
    admin("set server paperboy/" + n.name + " addr 127.0.0.1 port " + n.port);
    admin("set server paperboy/" + n.name + " state ready");
    awaitProxyState(n, "UP");
  }

  void kill9(int i) throws InterruptedException {
    ChildJvm.kill9(nodes[i].process);
  }

  /** The proxy's view of a node: UP, DOWN, MAINT, … from its CSV statistics. */
  String proxyState(Node n) throws IOException {
    for (String line : admin("show stat").split("\n")) {
      String[] f = line.split(",");
      if (f.length > 17 && f[0].equals("paperboy") && f[1].equals(n.name)) return f[17];
    }
    return "?";
  }

  void awaitProxyState(Node n, String prefix) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> proxyState(n).startsWith(prefix));
  }

  String admin(String command) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(adminSocket));
      channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      StringBuilder out = new StringBuilder();
      while (channel.read(buffer) > 0) {
        buffer.flip();
        out.append(StandardCharsets.UTF_8.decode(buffer));
        buffer.clear();
      }
      return out.toString();
    }
  }

  static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    if (haproxy != null) {
      haproxy.destroy();
      if (!haproxy.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) haproxy.destroyForcibly().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
    }
    for (Node n : nodes) {
      if (n.process != null && n.process.isAlive()) {
        n.process.destroy();
        if (!n.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) ChildJvm.kill9(n.process);
      }
    }
  }
}
