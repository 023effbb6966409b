package dev.switchboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.realtime.LiveEvents.Channel;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import dev.switchboard.testing.SecondNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Two server nodes on one database: an event published on either reaches the streams open on
 * the other through PostgreSQL notifications, and a node whose listening connection drops
 * listens again while its clients replay what they missed.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveEventsAcrossNodesTest {

    @LocalServerPort int port;
    @Autowired MockMvc mvc;
    @Autowired LiveEvents live;
    @Autowired TestDatabase database;
    @Autowired Environment environment;

    ConfigurableApplicationContext secondNode;
    int secondPort;
    Api.Account alpha;
    Api.Account beta;

    @BeforeAll
    void aSecondNodeOnTheSameDatabase() {
        secondNode = SecondNode.start(database, environment, List.of());
        secondPort = Integer.parseInt(secondNode.getEnvironment().getRequiredProperty("local.server.port"));
        Api api = new Api(mvc);
        alpha = api.signUp("Alpha Nodes");
        beta = api.signUp("Beta Nodes");
    }

    @AfterAll
    void stopTheSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void anEventPublishedOnOneNodeReachesAStreamOnTheOther() {
        try (SseClient onSecond = SseClient.open(secondPort, "/api/v1/events?channels=calls", SseClient.bearer(alpha));
             SseClient otherOrganization = SseClient.open(secondPort, "/api/v1/events?channels=calls", SseClient.bearer(beta));
             SseClient onFirst = SseClient.open(port, "/api/v1/events?channels=calls", SseClient.bearer(alpha))) {
            String fromFirst = UUID.randomUUID().toString();
            live.publish(alpha.organizationId(), Channel.CALLS, "call-changed", Map.of("marker", fromFirst));
            onSecond.awaitData("marker", fromFirst);
            onFirst.awaitData("marker", fromFirst);

            String fromSecond = UUID.randomUUID().toString();
            secondNode.getBean(LiveEvents.class).publish(alpha.organizationId(), Channel.CALLS, "call-changed",
                    Map.of("marker", fromSecond));
            onFirst.awaitData("marker", fromSecond);
            onSecond.awaitData("marker", fromSecond);

            String own = UUID.randomUUID().toString();
            live.publish(beta.organizationId(), Channel.CALLS, "call-changed", Map.of("marker", own));
            otherOrganization.awaitData("marker", own);
            assertThat(otherOrganization.events()).extracting(e -> e.data().get("marker").asString()).containsExactly(own);
        }
    }

    @Test
    void aNodeListensAgainAfterItsConnectionDropsAndItsClientsReplayWhatTheyMissed() {
        UUID org = alpha.organizationId();
        String run = UUID.randomUUID().toString();
        long seen;
        try (SseClient client = SseClient.open(secondPort, "/api/v1/events?channels=organization", SseClient.bearer(alpha))) {
            live.publish(org, Channel.ORGANIZATION, "tick", Map.of("run", run, "n", 1));
            seen = client.awaitData("run", run).id();
            dropListeningConnections();
            live.publish(org, Channel.ORGANIZATION, "tick", Map.of("run", run, "n", 2));
            // The node ends its streams once it listens again, so that their clients replay.
            client.awaitEnd();
        }
        try (SseClient again = SseClient.open(secondPort, "/api/v1/events?channels=organization",
                "Authorization", "Bearer " + alpha.accessToken(), "Last-Event-ID", Long.toString(seen))) {
            again.await(e -> e.data().path("n").asInt() == 2);
            live.publish(org, Channel.ORGANIZATION, "tick", Map.of("run", run, "n", 3));
            again.await(e -> e.data().path("n").asInt() == 3);
            assertThat(again.events()).extracting(e -> e.data().get("n").asInt()).containsExactly(2, 3);
        }
    }

    private void dropListeningConnections() {
        long dropped = database.owner().sql("""
                        select count(pg_terminate_backend(pid)) from pg_stat_activity
                         where datname = current_database() and application_name = 'switchboard-live'""")
                .query(Long.class).single();
        assertThat(dropped).isEqualTo(2);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> database.owner().sql("""
                        select count(*) from pg_stat_activity
                         where datname = current_database() and application_name = 'switchboard-live'""")
                .query(Long.class).single() == 2);
    }
}
