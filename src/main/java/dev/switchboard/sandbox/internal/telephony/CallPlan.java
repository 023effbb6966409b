package dev.switchboard.sandbox.internal.telephony;

import dev.switchboard.sandbox.SandboxSettings;
import dev.switchboard.sandbox.internal.conversation.Conversation;
import dev.switchboard.sandbox.internal.conversation.Sentiment;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Everything chance decides about a call, drawn when the call is created from a random seeded by
 * the sandbox seed, the account and the call's place in the account's sequence.
 *
 * @param outcome    what happens when the number is dialled
 * @param ringMs     simulated time until it is answered or gives up
 * @param talkMs     simulated length of the connected part
 * @param mood       the person's sentiment and requests (answered calls)
 * @param seed       seeds the conversation and analysis of this call
 * @param userHangsUp whether the person, not the agent, ends a normal conversation
 */
public record CallPlan(Outcome outcome, long ringMs, long talkMs, Conversation.Mood mood, long seed,
        boolean userHangsUp) {

    /**
     * Numbers reserved for tests, by their last four digits; see the module's package-info.
     *
     * @return the fixed plan outcome, or {@code null} for an ordinary number
     */
    static Outcome reservedOutcome(String toNumber) {
        if (toNumber == null || toNumber.length() < 4) {
            return null;
        }
        return switch (toNumber.substring(toNumber.length() - 4)) {
            case "0001", "0007", "0008" -> Outcome.HUMAN;
            case "0002" -> Outcome.VOICEMAIL;
            case "0003" -> Outcome.NO_ANSWER;
            case "0004" -> Outcome.BUSY;
            case "0005" -> Outcome.FAILED;
            case "0006" -> Outcome.INVALID_NUMBER;
            default -> null;
        };
    }

    static CallPlan draw(String toNumber, SandboxSettings settings, SplittableRandom random) {
        Outcome reserved = reservedOutcome(toNumber);
        Outcome outcome = reserved != null ? reserved : outcome(settings.outcomes(), random.nextDouble());
        SandboxSettings.Durations durations = settings.durations();
        long ring = switch (outcome) {
            case HUMAN, VOICEMAIL -> between(durations.ring(), random);
            case NO_ANSWER -> durations.ring().max().toMillis() + 5_000 + random.nextLong(30_001);
            case BUSY -> 1_000 + random.nextLong(3_001);
            case FAILED -> 500 + random.nextLong(2_501);
            case INVALID_NUMBER -> 200 + random.nextLong(1_301);
        };
        String suffix = toNumber.substring(Math.max(0, toNumber.length() - 4));
        double moodDraw = random.nextDouble();
        double sentimentDraw = random.nextDouble();
        boolean doNotCall;
        boolean callback;
        Sentiment sentiment;
        if (suffix.equals("0001")) {
            doNotCall = false;
            callback = false;
            sentiment = Sentiment.Positive;
        } else if (suffix.equals("0007")) {
            doNotCall = true;
            callback = false;
            sentiment = Sentiment.Negative;
        } else if (suffix.equals("0008")) {
            doNotCall = false;
            callback = true;
            sentiment = Sentiment.Neutral;
        } else {
            doNotCall = moodDraw < settings.doNotCallShare();
            callback = !doNotCall && moodDraw < settings.doNotCallShare() + settings.callbackShare();
            sentiment = doNotCall ? Sentiment.Negative : callback ? Sentiment.Neutral
                    : sentimentDraw < 0.5 ? Sentiment.Positive : sentimentDraw < 0.85 ? Sentiment.Neutral
                    : Sentiment.Negative;
        }
        long talk = switch (outcome) {
            case HUMAN -> doNotCall || callback ? Math.max(8_000, between(durations.talk(), random) / 3)
                    : between(durations.talk(), random);
            case VOICEMAIL -> between(durations.voicemail(), random);
            default -> 0;
        };
        boolean userHangsUp = doNotCall || random.nextDouble() < 0.3;
        return new CallPlan(outcome, ring, talk, new Conversation.Mood(sentiment, callback, doNotCall),
                random.nextLong(), userHangsUp);
    }

    private static Outcome outcome(SandboxSettings.Outcomes weights, double draw) {
        double point = draw * weights.total();
        double[] cumulative = {weights.humanAnswer(), weights.voicemail(), weights.noAnswer(), weights.busy(),
                weights.failed(), weights.invalidNumber()};
        Outcome[] outcomes = Outcome.values();
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += cumulative[i];
            if (point < sum && cumulative[i] > 0) {
                return outcomes[i];
            }
        }
        for (int i = cumulative.length - 1; i >= 0; i--) {
            if (cumulative[i] > 0) {
                return outcomes[i];
            }
        }
        return Outcome.HUMAN;
    }

    private static long between(SandboxSettings.Range range, SplittableRandom random) {
        long min = range.min().toMillis();
        long max = range.max().toMillis();
        return max <= min ? min : min + random.nextLong(max - min + 1);
    }

    static Duration scaled(long simulatedMs, double timeScale) {
        return Duration.ofMillis(Math.round(simulatedMs / timeScale));
    }
}
