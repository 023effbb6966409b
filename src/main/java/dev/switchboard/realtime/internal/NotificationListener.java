package dev.switchboard.realtime.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's one {@code LISTEN live_events} connection, read by one thread. The connection is
 * opened next to the runtime pool (same server and credentials) rather than borrowed from it,
 * so it never holds a pooled connection and never carries an organization's context.
 *
 * <p>When the connection breaks (PostgreSQL restarted, network cut) the thread listens again
 * with a growing pause; notifications sent meanwhile are lost, so every stream on this node is
 * then ended and its client replays what it missed on reconnect.
 */
@Component
class NotificationListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);
    static final String APPLICATION_NAME = "switchboard-live";
    private static final int POLL_MILLIS = 500;
    private static final long LIVENESS_CHECK_NANOS = Duration.ofSeconds(30).toNanos();
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final LiveEventDispatcher dispatcher;
    private final LocalStreams streams;
    private final RealtimeSettings settings;
    private volatile Thread thread;
    private volatile Connection connection;
    private volatile boolean listening;

    NotificationListener(DataSource dataSource, LiveEventDispatcher dispatcher, LocalStreams streams,
                         RealtimeSettings settings) {
        this.dataSource = dataSource;
        this.dispatcher = dispatcher;
        this.streams = streams;
        this.settings = settings;
    }

    /** Whether the listening connection is up right now. */
    boolean isListening() {
        return listening;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        // Listen before the web server takes its first subscriber, so that nothing committed after a
        // subscription passes unnoticed; when the database is not reachable, the thread keeps trying.
        Connection first = null;
        try {
            first = connect();
        } catch (SQLException e) {
            log.warn("Could not listen for live events yet; retrying in the background: {}", e.getMessage());
        }
        Connection initial = first;
        Thread listener = new Thread(() -> run(initial), "live-events-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public synchronized void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            closeQuietly(connection);
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Starts before the web server and stops after it. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void run(Connection initial) {
        Connection current = initial;
        Duration delay = settings.reconnectDelay();
        boolean missedSome = initial == null;
        while (thread == Thread.currentThread()) {
            try {
                if (current == null) {
                    current = connect();
                }
                if (missedSome) {
                    log.info("Listening for live events again; open streams reconnect to replay what they missed");
                    streams.closeAll();
                }
                delay = settings.reconnectDelay();
                listen(current);
            } catch (SQLException | RuntimeException e) {
                if (thread != Thread.currentThread()) {
                    break;
                }
                log.warn("Lost the live events connection; listening again in {} ms: {}", delay.toMillis(), e.getMessage());
                if (!sleep(delay)) {
                    break;
                }
                delay = delay.multipliedBy(2).compareTo(MAX_RECONNECT_DELAY) > 0 ? MAX_RECONNECT_DELAY : delay.multipliedBy(2);
            } finally {
                listening = false;
            }
            closeQuietly(current);
            current = null;
            missedSome = true;
        }
        closeQuietly(current);
    }

    /** Reads notifications until the connection fails or the listener stops. */
    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        listening = true;
        long lastCheck = System.nanoTime();
        while (thread == Thread.currentThread()) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                dispatcher.dispatch(parse(notifications));
                lastCheck = System.nanoTime();
            } else if (System.nanoTime() - lastCheck > LIVENESS_CHECK_NANOS) {
                // A connection cut without a reset stays silent; a round trip reveals it.
                try (Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private static List<LiveEventDispatcher.Notified> parse(PGNotification[] notifications) {
        List<LiveEventDispatcher.Notified> batch = new ArrayList<>(notifications.length);
        for (PGNotification notification : notifications) {
            LiveEventDispatcher.Notified notified = LiveEventDispatcher.Notified.parse(notification.getParameter());
            if (notified == null) {
                log.warn("Ignored a malformed live event notification: {}", notification.getParameter());
            } else {
                batch.add(notified);
            }
        }
        return batch;
    }

    private Connection connect() throws SQLException {
        Connection c = open();
        try (Statement s = c.createStatement()) {
            s.execute("listen " + LiveEventStore.NOTIFY_CHANNEL);
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        connection = c;
        return c;
    }

    /** A connection of its own to the pool's database, as the pool's user. */
    private Connection open() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Properties properties = new Properties();
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(pool.getJdbcUrl(), properties);
        c.setAutoCommit(true);
        return c;
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }
}
