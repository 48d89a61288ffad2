package ai.fonella.spring.boot.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.init.ScriptStatementFailedException;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates the table of {@link JdbcEventDeduplicationStore} from the script shipped for the
 * database: {@code ai/fonella/spring/boot/dedup/schema-{platform}.sql} in this jar, where
 * {@code platform} is {@code postgresql}, {@code h2}, {@code mysql} or {@code mariadb}. The scripts
 * are idempotent ({@code CREATE TABLE IF NOT EXISTS}), and {@link #create} may run on several
 * replicas at once; apps that manage their schema with Flyway or Liquibase copy the script into a
 * migration instead.
 */
public final class JdbcDeduplicationSchema {

    /** Where the scripts are, on the class path. */
    public static final String SCRIPT_LOCATION = "ai/fonella/spring/boot/dedup/schema-%s.sql";

    /** The databases a script is shipped for, as {@link #platform} names them. */
    public static final List<String> PLATFORMS = List.of("postgresql", "h2", "mysql", "mariadb");

    /** The scripts' location with every platform, {@code schema-{postgresql,h2,...}.sql}, for messages. */
    public static final String ANY_SCRIPT = String.format(SCRIPT_LOCATION, "{" + String.join(",", PLATFORMS) + "}");

    /** The table's and the index's names in the shipped scripts. */
    private static final Pattern DEFAULT_NAMES = Pattern.compile(
            "\\b" + JdbcEventDeduplicationStore.DEFAULT_TABLE_NAME + "(_expires_at)?\\b");

    /** Runs of the script before its failure counts: one per statement a concurrent run may race, and one. */
    private static final int ATTEMPTS = 3;

    /**
     * What losing that race raises on PostgreSQL, depending on the moment: unique_violation (on the
     * catalog's index of type names), duplicate_object (the table's row type) and duplicate_table
     * (also for an index).
     */
    private static final Set<String> RACE_STATES = Set.of("23505", "42710", "42P07");

    private JdbcDeduplicationSchema() {
    }

    /**
     * The database platform of a data source, as the scripts name it.
     *
     * @param dataSource the data source
     * @return for example {@code postgresql}
     * @throws IllegalStateException if the database cannot be asked
     */
    public static String platform(DataSource dataSource) {
        try {
            String url = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
            return DatabaseDriver.fromJdbcUrl(url).getId();
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Could not learn which database the DataSource connects to: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The script for a platform with the table (and its index) renamed.
     *
     * @param platform as {@link #platform} returns it
     * @param tableName the table, optionally schema-qualified
     * @return the SQL, or {@code null} when no script is shipped for the platform
     */
    public static String script(String platform, String tableName) {
        ClassPathResource resource = new ClassPathResource(String.format(SCRIPT_LOCATION, platform));
        if (!resource.exists()) {
            return null;
        }
        String sql;
        try {
            sql = resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String table = JdbcEventDeduplicationStore.requireTableName(tableName);
        // the index is named after the table without its schema: no database takes a qualified index name
        String index = table.substring(table.indexOf('.') + 1) + "_expires_at";
        // one pass over whole identifiers, so that a new name containing the old one is not renamed twice
        return DEFAULT_NAMES.matcher(sql).replaceAll(name -> Matcher.quoteReplacement(name.group(1) != null ? index
                : table));
    }

    /**
     * Runs the platform's script. Several replicas may run it at once: a run that loses the race
     * between two concurrent {@code CREATE}s, as it can on PostgreSQL, is repeated (three runs at most,
     * a moment apart), and then finds what the other created.
     *
     * @param dataSource the data source
     * @param tableName the table, optionally schema-qualified
     * @throws IllegalStateException naming the scripts there are when none is shipped for the
     *     database
     */
    public static void create(DataSource dataSource, String tableName) {
        String platform = platform(dataSource);
        String sql = script(platform, tableName);
        if (sql == null) {
            throw new IllegalStateException("No deduplication table script is shipped for the database '" + platform
                    + "' (there are: " + String.join(", ", PLATFORMS) + "). Create the table " + tableName + " from "
                    + String.format(SCRIPT_LOCATION, "postgresql") + ", adapted to your database, and set "
                    + "fonella.webhooks.deduplication.jdbc.initialize-schema=never.");
        }
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
                new ByteArrayResource(sql.getBytes(StandardCharsets.UTF_8), "schema-" + platform + ".sql"));
        for (int attempt = 1; ; attempt++) {
            try {
                DatabasePopulatorUtils.execute(populator, dataSource);
                return;
            } catch (ScriptStatementFailedException e) {
                // replicas started together run the script at once, and on PostgreSQL "IF NOT EXISTS" does
                // not hold against a concurrent CREATE: the loser fails on the catalog's unique index. Run
                // again, after the winner's commit, the script finds everything there.
                if (attempt == ATTEMPTS || !(e.getCause() instanceof SQLException cause
                        && RACE_STATES.contains(cause.getSQLState()))) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(20, 200));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
