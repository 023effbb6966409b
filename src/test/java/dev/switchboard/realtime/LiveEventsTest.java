package dev.switchboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.calls.CallChanged;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.realtime.LiveEvents.Channel;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.PageRequests;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Live streams over real HTTP: an organization's events reach its own subscribers on the
 * channels they chose and never another organization's; a reconnect replays exactly what was
 * missed; only committed events are delivered.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveEventsTest {

    @LocalServerPort int port;
    @Autowired MockMvc mvc;
    @Autowired LiveEvents live;
    @Autowired LiveNotices notices;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEventPublisher events;
    @Autowired Sessions sessions;
    @Autowired TestDatabase database;

    Api api;
    Api.Account alpha;
    Api.Account beta;

    @BeforeAll
    void twoOrganizations() {
        api = new Api(mvc);
        alpha = api.signUp("Alpha Live");
        beta = api.signUp("Beta Live");
    }

    @Test
    void anEventReachesItsOrganizationsSubscribersAndNoOtherOrganizations() {
        try (SseClient a = SseClient.open(port, "/api/v1/events?channels=calls", SseClient.bearer(alpha));
             SseClient b = SseClient.open(port, "/api/v1/events?channels=calls", SseClient.bearer(beta))) {
            String secret = UUID.randomUUID().toString();
            live.publish(alpha.organizationId(), Channel.CALLS, "call-changed", Map.of("marker", secret));

            SseClient.Received received = a.awaitData("marker", secret);
            assertThat(received.channel()).isEqualTo("calls");
            assertThat(received.type()).isEqualTo("call-changed");
            assertThat(received.envelope().get("id").asLong()).isEqualTo(received.id());

            String own = UUID.randomUUID().toString();
            live.publish(beta.organizationId(), Channel.CALLS, "call-changed", Map.of("marker", own));
            b.awaitData("marker", own);
            assertThat(b.events()).noneMatch(e -> e.data().toString().contains(secret));
        }
    }

    @Test
    void aStreamReceivesOnlyTheChannelsItChose() {
        try (SseClient campaigns = SseClient.open(port, "/api/v1/events?channels=campaigns", SseClient.bearer(alpha))) {
            live.publish(alpha.organizationId(), Channel.CALLS, "call-changed", Map.of("n", 1));
            live.publish(alpha.organizationId(), Channel.ORGANIZATION, "settings-changed", Map.of("n", 2));
            live.publish(alpha.organizationId(), Channel.CAMPAIGNS, "campaign-progress", Map.of("n", 3));

            campaigns.awaitType("campaign-progress");
            assertThat(campaigns.events()).extracting(SseClient.Received::channel).containsOnly("campaigns");
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysExactlyWhatWasMissed() {
        UUID org = alpha.organizationId();
        String run = UUID.randomUUID().toString();
        long before;
        try (SseClient first = SseClient.open(port, "/api/v1/events?channels=organization", SseClient.bearer(alpha))) {
            live.publish(org, Channel.ORGANIZATION, "tick", Map.of("run", run, "n", 0));
            before = first.awaitData("run", run).id();
        }
        for (int n = 1; n <= 3; n++) {
            live.publish(org, Channel.ORGANIZATION, "tick", Map.of("run", run, "n", n));
        }
        try (SseClient again = SseClient.open(port, "/api/v1/events?channels=organization",
                "Authorization", "Bearer " + alpha.accessToken(), "Last-Event-ID", Long.toString(before))) {
            live.publish(org, Channel.ORGANIZATION, "tick", Map.of("run", run, "n", 4));
            again.await(e -> e.data().path("n").asInt() == 4);
            assertThat(again.events()).extracting(e -> e.data().get("n").asInt()).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void replayAndLiveEventsJoinWithoutGapOrDuplicateWhilePublishing() throws Exception {
        UUID org = beta.organizationId();
        String run = UUID.randomUUID().toString();
        live.publish(org, Channel.CAMPAIGNS, "tick", Map.of("run", run, "n", 0));
        long start = idsOf(org, run).get(0);
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> {
            for (int n = 1; n <= 150; n++) {
                live.publish(org, Channel.CAMPAIGNS, "tick", Map.of("run", run, "n", n));
            }
            publishing.set(false);
        });
        publisher.start();
        Thread.sleep(50);
        try (SseClient client = SseClient.open(port, "/api/v1/events?channels=campaigns&lastEventId=" + start,
                SseClient.bearer(beta))) {
            publisher.join();
            assertThat(publishing).isFalse();
            client.await(e -> e.data().path("n").asInt() == 150);
            List<Long> stored = idsOf(org, run);
            assertThat(client.events()).extracting(SseClient.Received::id).containsExactlyElementsOf(stored.subList(1, stored.size()));
        }
    }

    @Test
    void aClientTooFarBehindIsToldToReloadInsteadOfGettingAPartialReplay() {
        Api.Account behind = api.signUp("Behind Live");
        UUID org = behind.organizationId();
        live.publish(org, Channel.CAMPAIGNS, "tick", Map.of("n", 0));
        long start = database.owner().sql("select max(id) from live_events where organization_id = ?").param(org)
                .query(Long.class).single();
        database.owner().sql("insert into live_events (organization_id, channel, type, data) "
                + "select ?, 'campaigns', 'tick', jsonb_build_object('n', n) from generate_series(1, 1001) n").param(org).update();
        long newest = database.owner().sql("select max(id) from live_events where organization_id = ?").param(org)
                .query(Long.class).single();
        try (SseClient client = SseClient.open(port, "/api/v1/events?channels=campaigns&lastEventId=" + start,
                SseClient.bearer(behind))) {
            SseClient.Received reload = client.awaitType("replay-truncated");
            assertThat(reload.id()).isEqualTo(newest);
            live.publish(org, Channel.CAMPAIGNS, "tick", Map.of("n", "live"));
            client.await(e -> e.data().path("n").asString().equals("live"));
            assertThat(client.events()).hasSize(2);
        }
    }

    @Test
    void anotherOrganizationsEventsAreNeverReplayed() {
        String secret = UUID.randomUUID().toString();
        live.publish(alpha.organizationId(), Channel.CALLS, "call-changed", Map.of("marker", secret));
        String own = UUID.randomUUID().toString();
        live.publish(beta.organizationId(), Channel.CALLS, "call-changed", Map.of("marker", own));
        try (SseClient b = SseClient.open(port, "/api/v1/events?channels=organization,calls,campaigns",
                "Authorization", "Bearer " + beta.accessToken(), "Last-Event-ID", "0")) {
            b.awaitData("marker", own);
            assertThat(b.events()).isNotEmpty().noneMatch(e -> e.data().toString().contains(secret));
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        UUID org = alpha.organizationId();
        String rolledBack = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();
        try (SseClient a = SseClient.open(port, "/api/v1/events?channels=calls", SseClient.bearer(alpha))) {
            TenantScope.runAs(org, () -> tx.executeWithoutResult(status -> {
                live.publish(org, Channel.CALLS, "call-changed", Map.of("marker", rolledBack));
                status.setRollbackOnly();
            }));
            TenantScope.runAs(org, () -> tx.executeWithoutResult(status ->
                    live.publish(org, Channel.CALLS, "call-changed", Map.of("marker", committed))));
            a.awaitData("marker", committed);
            assertThat(a.events()).noneMatch(e -> e.data().toString().contains(rolledBack));
        }
        assertThat(database.owner().sql("select count(*) from live_events where data->>'marker' = ?")
                .param(rolledBack).query(Long.class).single()).isZero();
    }

    @Test
    void aCallChangeIsPublishedOnTheCallsChannel() {
        UUID org = alpha.organizationId();
        UUID call = UUID.randomUUID();
        UUID campaign = UUID.randomUUID();
        try (SseClient a = SseClient.open(port, "/api/v1/events?channels=calls", SseClient.bearer(alpha))) {
            TenantScope.runAs(org, () -> tx.executeWithoutResult(status -> events.publishEvent(
                    new CallChanged(org, call, campaign, "outbound", "ringing", "completed", "answered", "call_ended"))));
            JsonNode data = a.awaitData("callId", call.toString()).data();
            assertThat(data.get("status").asString()).isEqualTo("completed");
            assertThat(data.get("previousStatus").asString()).isEqualTo("ringing");
            assertThat(data.get("disposition").asString()).isEqualTo("answered");
            assertThat(data.get("campaignId").asString()).isEqualTo(campaign.toString());
        }
    }

    @Test
    void theBrowserStreamUsesTheSessionCookie() {
        String cookie = "sb_session=" + PageRequests.session(sessions, alpha.userId(), alpha.organizationId()).getValue();
        String marker = UUID.randomUUID().toString();
        try (SseClient page = SseClient.open(port, "/live?channels=calls,user", "Cookie", cookie)) {
            live.publish(alpha.organizationId(), Channel.CALLS, "call-changed", Map.of("marker", marker));
            assertThat(page.awaitData("marker", marker).type()).isEqualTo("call-changed");
        }
    }

    @Test
    void aUserNoticeReachesOnlyThatUser() {
        String forSomeoneElse = UUID.randomUUID().toString();
        String forAlpha = UUID.randomUUID().toString();
        try (SseClient a = SseClient.open(port, "/api/v1/events?channels=user", SseClient.bearer(alpha))) {
            notices.toUser(alpha.organizationId(), beta.userId(), "export-ready", Map.of("marker", forSomeoneElse));
            notices.toUser(alpha.organizationId(), alpha.userId(), "export-ready", Map.of("marker", forAlpha));
            assertThat(a.awaitData("marker", forAlpha).channel()).isEqualTo("user");
            assertThat(a.events()).noneMatch(e -> e.data().toString().contains(forSomeoneElse));
        }
    }

    @Test
    void platformNoticesReachPlatformAdministratorsOnly() {
        Api.Account admin = api.signUp("Platform Live");
        database.owner().sql("update users set platform_role = 'platform_admin' where id = ?").param(admin.userId()).update();
        Api.Account signedIn = api.signIn(admin.email(), admin.password(), admin.organizationId());
        String marker = UUID.randomUUID().toString();
        try (SseClient platform = SseClient.open(port, "/api/v1/events?channels=platform", SseClient.bearer(signedIn))) {
            notices.toPlatformAdmins("node-degraded", Map.of("marker", marker));
            assertThat(platform.awaitData("marker", marker).channel()).isEqualTo("platform");
        }
        HttpResponse<String> refused = SseClient.refused(port, "/api/v1/events?channels=platform", SseClient.bearer(alpha));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("platform administrators");
    }

    @Test
    void aStreamNeedsCredentials() {
        HttpResponse<String> api = SseClient.refused(port, "/api/v1/events?channels=calls");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(SseClient.refused(port, "/live?channels=calls").statusCode()).isEqualTo(401);
        assertThat(SseClient.refused(port, "/api/v1/events", "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownChannelsAndBadEventIdsAreRefusedByName() {
        HttpResponse<String> channel = SseClient.refused(port, "/api/v1/events?channels=calls,gossip", SseClient.bearer(alpha));
        assertThat(channel.statusCode()).isEqualTo(400);
        assertThat(channel.body()).contains("gossip").contains("channels");
        HttpResponse<String> id = SseClient.refused(port, "/api/v1/events?channels=calls",
                "Authorization", "Bearer " + alpha.accessToken(), "Last-Event-ID", "yesterday");
        assertThat(id.statusCode()).isEqualTo(400);
        assertThat(id.body()).contains("Last-Event-ID");
    }

    @Test
    void anApiKeyStreamReplaysItsOrganizationsChannelsButNotUserNotices() {
        String readKey = apiKey(alpha, "organization:read");
        String run = UUID.randomUUID().toString();
        live.publish(alpha.organizationId(), Channel.CAMPAIGNS, "tick", Map.of("run", run, "n", 1));
        long first = idsOf(alpha.organizationId(), run).get(0);
        live.publish(alpha.organizationId(), Channel.CAMPAIGNS, "tick", Map.of("run", run, "n", 2));
        try (SseClient key = SseClient.open(port, "/api/v1/events?channels=campaigns&lastEventId=" + first,
                "X-Api-Key", readKey)) {
            assertThat(key.await(e -> e.data().path("run").asString().equals(run)).data().get("n").asInt()).isEqualTo(2);
        }
        HttpResponse<String> user = SseClient.refused(port, "/api/v1/events?channels=user", "X-Api-Key", readKey);
        assertThat(user.statusCode()).isEqualTo(400);
        assertThat(user.body()).contains("'user'");
        HttpResponse<String> noScope = SseClient.refused(port, "/api/v1/events?channels=calls", "X-Api-Key",
                apiKey(alpha, "campaigns:run"));
        assertThat(noScope.statusCode()).isEqualTo(403);
    }

    private String apiKey(Api.Account account, String scope) {
        return Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/api-keys")
                .with(account.bearer()).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Live " + scope, "scopes", List.of(scope))))), 201).get("secret").asString();
    }

    private List<Long> idsOf(UUID org, String run) {
        return database.owner().sql("select id from live_events where organization_id = ? and data->>'run' = ? order by id")
                .params(org, run).query(Long.class).list();
    }
}
