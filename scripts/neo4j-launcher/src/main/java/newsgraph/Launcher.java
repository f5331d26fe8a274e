package newsgraph;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Launcher starts the official Neo4j engine in this JVM: Bolt and HTTP (with Neo4j Browser when its jar is
 * on the classpath) bound to loopback, APOC core procedures loaded from the plugins folder, authentication
 * off. It prints one line "READY bolt://HOST:PORT http://HOST:PORT" once a query succeeds, and shuts the
 * database down cleanly on SIGTERM or SIGINT.
 *
 * Arguments: HOME_DIR PLUGINS_DIR. Environment: NEO4J_LOCAL_HOST (127.0.0.1), NEO4J_LOCAL_BOLT_PORT (7687),
 * NEO4J_LOCAL_HTTP_PORT (7474), NEO4J_LOCAL_PAGECACHE (512m), NEO4J_LOCAL_PASSWORD (unset: no
 * authentication; set: authentication on, user neo4j with that password).
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher HOME_DIR PLUGINS_DIR");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path plugins = Path.of(args[1]).toAbsolutePath();
        String host = env("NEO4J_LOCAL_HOST", "127.0.0.1");
        int bolt = Integer.parseInt(env("NEO4J_LOCAL_BOLT_PORT", "7687"));
        int http = Integer.parseInt(env("NEO4J_LOCAL_HTTP_PORT", "7474"));
        String pagecache = env("NEO4J_LOCAL_PAGECACHE", "512m");
        String password = System.getenv("NEO4J_LOCAL_PASSWORD");
        boolean auth = password != null && !password.isEmpty();

        for (int port : List.of(bolt, http)) {
            if (!portFree(host, port)) {
                System.err.println("neo4j-local: port " + host + ":" + port + " is already in use;"
                        + " stop what holds it or set NEO4J_LOCAL_BOLT_PORT / NEO4J_LOCAL_HTTP_PORT");
                System.exit(3);
            }
        }
        Files.createDirectories(home);
        // files the server may read (LOAD CSV, APOC import): this folder only
        Path imports = home.resolve("import");
        Files.createDirectories(imports);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, bolt))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, bolt))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, true)
                .setConfig(HttpConnector.listen_address, new SocketAddress(host, http))
                .setConfig(HttpConnector.advertised_address, new SocketAddress(host, http))
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, imports)
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pagecache))
                .setConfig(GraphDatabaseSettings.debug_log_enabled, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ZERO)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-local: shutting down");
            dbms.shutdown();
        }, "neo4j-shutdown"));

        if (auth) {
            // the embedded API runs with full rights: set the password of the default user, no change required
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", java.util.Map.of("pw", password));
        }
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");
        System.out.println("READY bolt://" + host + ":" + bolt + " http://" + host + ":" + http);
        System.out.flush();
        Thread.currentThread().join();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static boolean portFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
