package local.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community in-process, reachable over Bolt on a loopback address.
 *
 * <p>Arguments are {@code key=value}: {@code home} (data directory, required), {@code host}
 * (default 127.0.0.1), {@code port} (0 picks a free one), {@code pageCache} (e.g. 128m),
 * {@code txTimeout} (seconds, 0 for none), {@code watchStdin} (true: exit when stdin closes, so a
 * dead parent never leaves this JVM behind).
 *
 * <p>Stdout carries exactly one line, written once Bolt accepts connections:
 * {@code {"event":"ready","host":"127.0.0.1","port":7687}}. A failure to start is one line on
 * stderr starting with {@code neo4j-local:} and exit code 2.
 */
public final class Neo4jLocal {
  private Neo4jLocal() {}

  public static void main(String[] args) {
    Map<String, String> options = parse(args);
    Path home = Path.of(require(options, "home")).toAbsolutePath();
    String host = options.getOrDefault("host", "127.0.0.1");
    int port = Integer.parseInt(options.getOrDefault("port", "7687"));
    long pageCache = bytes(options.getOrDefault("pageCache", "128m"));
    long txTimeoutSeconds = Long.parseLong(options.getOrDefault("txTimeout", "0"));
    boolean watchStdin = Boolean.parseBoolean(options.getOrDefault("watchStdin", "false"));

    // Watch stdin from the start, so a parent that dies while Neo4j boots takes it down too.
    if (watchStdin) {
      Thread watcher = new Thread(Neo4jLocal::exitWhenStdinCloses, "neo4j-local-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }

    DatabaseManagementService service;
    try {
      service =
          new DatabaseManagementServiceBuilder(home)
              .setConfig(BoltConnector.enabled, true)
              .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
              .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
              .setConfig(HttpConnector.enabled, false)
              // Loopback only, for development and tests: the driver connects without credentials.
              .setConfig(GraphDatabaseSettings.auth_enabled, false)
              .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
              .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
              .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
              .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
              // Stop in about a second, not ten: no quiet period for Bolt's event loops, and
              // transactions still open at shutdown get two seconds to end.
              .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
              .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
              .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
              .build();
    } catch (RuntimeException e) {
      fail("could not start Neo4j on " + host + ":" + port + " with data in " + home + ": " + rootMessage(e));
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "neo4j-local-shutdown"));

    GraphDatabaseAPI system = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    HostnamePort bolt =
        system.getDependencyResolver().resolveDependency(ConnectorPortRegister.class).getLocalAddress(ConnectorType.BOLT);
    if (bolt == null) {
      fail("Neo4j started but its Bolt connector did not bind on " + host + ":" + port);
      return;
    }
    System.out.println("{\"event\":\"ready\",\"host\":\"" + bolt.getHost() + "\",\"port\":" + bolt.getPort() + "}");
    System.out.flush();
  }

  private static void exitWhenStdinCloses() {
    InputStream in = System.in;
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // Input is ignored; only end-of-stream matters.
      }
    } catch (IOException ignored) {
      // A broken pipe means the parent is gone, the same as end-of-stream.
    }
    System.exit(0);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        fail("argument '" + arg + "' is not key=value");
      }
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return options;
  }

  private static String require(Map<String, String> options, String key) {
    String value = options.get(key);
    if (value == null || value.isEmpty()) {
      fail("missing argument " + key + "=...");
    }
    return value;
  }

  static long bytes(String size) {
    String s = size.trim().toLowerCase();
    long unit = 1;
    char last = s.charAt(s.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
      s = s.substring(0, s.length() - 1);
    }
    return Long.parseLong(s) * unit;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private static void fail(String message) {
    System.err.println("neo4j-local: " + message);
    System.err.flush();
    Runtime.getRuntime().halt(2);
  }
}
