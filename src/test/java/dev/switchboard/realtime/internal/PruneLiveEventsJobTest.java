package dev.switchboard.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.realtime.LiveEvents;
import dev.switchboard.realtime.LiveNotices;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Stored events are kept for the retention period only, in every organization. */
@SwitchboardTest
class PruneLiveEventsJobTest {

    @Autowired PruneLiveEventsJob job;
    @Autowired LiveEvents live;
    @Autowired LiveNotices notices;
    @Autowired TestDatabase database;
    @Autowired MockMvc mvc;

    @Test
    void eventsOlderThanTheRetentionAreDeletedInEveryOrganization() {
        Api api = new Api(mvc);
        UUID first = api.signUp("Prune One").organizationId();
        UUID second = api.signUp("Prune Two").organizationId();
        String run = UUID.randomUUID().toString();
        for (UUID org : new UUID[] {first, second}) {
            live.publish(org, LiveEvents.Channel.CALLS, "tick", Map.of("run", run, "age", "old"));
            live.publish(org, LiveEvents.Channel.CALLS, "tick", Map.of("run", run, "age", "new"));
        }
        notices.toPlatformAdmins("tick", Map.of("run", run, "age", "old"));
        database.owner().sql("update live_events set created_at = now() - interval '25 hours' where data->>'run' = ? "
                + "and data->>'age' = 'old'").param(run).update();
        database.owner().sql("update live_platform_notices set created_at = now() - interval '25 hours' where data->>'run' = ?")
                .param(run).update();

        job.run(null);

        assertThat(database.owner().sql("select organization_id, data->>'age' from live_events where data->>'run' = ?")
                .param(run).query((rs, n) -> rs.getString(2)).list()).containsExactly("new", "new");
        assertThat(database.owner().sql("select count(*) from live_platform_notices where data->>'run' = ?")
                .param(run).query(Long.class).single()).isZero();
    }
}
