package dev.switchboard.telephony;

/**
 * A carrier: places calls, sends SMS, checks credentials. One adapter per vendor
 * ({@code twilio}, {@code sandbox}), selected per organization.
 */
public interface TelephonyProvider {

    /** The provider id this adapter serves. */
    String id();

    /** Places a call that the carrier will connect to {@code answerUrl} (TwiML) when answered. */
    PlacedCall placeCall(ProviderAccount account, OutboundCall call);

    /** Sends an SMS. */
    SentMessage sendSms(ProviderAccount account, String from, String to, String body);

    /** Checks the credentials against the vendor; throws {@link ProviderException} (UNAUTHORIZED) when refused. */
    void validateCredentials(ProviderAccount account);

    /**
     * A call to place.
     *
     * @param from              the caller id (E.164), owned by the account
     * @param to                the destination (E.164)
     * @param answerUrl         where the carrier fetches instructions when the call is answered
     * @param statusCallbackUrl where the carrier reports progress
     * @param timeoutSeconds    how long to ring
     */
    record OutboundCall(String from, String to, String answerUrl, String statusCallbackUrl, int timeoutSeconds) {
    }

    /** The carrier's id for a placed call and its first status. */
    record PlacedCall(String providerCallId, String status) {
    }

    /** The carrier's id for a sent message and its status. */
    record SentMessage(String providerMessageId, String status) {
    }
}
