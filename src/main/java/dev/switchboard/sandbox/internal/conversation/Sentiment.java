package dev.switchboard.sandbox.internal.conversation;

/** Retell's {@code user_sentiment} values. */
public enum Sentiment {
    Positive, Neutral, Negative, Unknown
}
