package dev.switchboard.sandbox.internal.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class AccountRetentionTest {

    private static Call call(Account account, int n, boolean finished) {
        Call call = new Call("call_" + n, account, n, n, "+14155550100", "+14155550001", "agent", null, null, Map.of(),
                Map.of(), null, null, null);
        if (finished) {
            call.status = "ended";
            call.analysis = JsonNodeFactory.instance.objectNode();
        }
        account.calls.put(call.id(), call);
        return call;
    }

    @Test
    void forgetsTheOldestFinishedCallsBeyondTheLimitAndKeepsCallsInProgress() {
        Account account = new Account("key", 10);
        Call ringing = call(account, 0, false);
        Call oldest = call(account, 1, true);
        Call older = call(account, 2, true);
        Call recent = call(account, 3, true);
        Call talking = call(account, 4, false);

        List<Call> forgotten = account.forgetOldestFinished(3);

        assertThat(forgotten).containsExactly(oldest, older);
        assertThat(account.calls().values()).containsExactly(ringing, recent, talking);
        assertThat(account.forgetOldestFinished(3)).isEmpty();
    }

    @Test
    void forgetsNothingWhileWithinTheLimitOrWhenEveryCallIsInProgress() {
        Account account = new Account("key", 10);
        call(account, 0, true);
        assertThat(account.forgetOldestFinished(1)).isEmpty();

        call(account, 1, false);
        call(account, 2, false);
        assertThat(account.forgetOldestFinished(1)).hasSize(1);
        assertThat(account.calls()).hasSize(2);
        assertThat(account.forgetOldestFinished(1)).as("calls in progress are never forgotten").isEmpty();
    }
}
