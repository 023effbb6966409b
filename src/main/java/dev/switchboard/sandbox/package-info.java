/**
 * The embedded sandbox: a simulated voice-AI provider and carrier that speaks Retell's HTTP API
 * (the {@code retell-sdk} wire format), so Switchboard runs with no vendor account. It runs calls
 * in scaled real time with realistic outcomes, writes transcripts, recordings and analysis, calls
 * the agents' custom tools and delivers signed, retried webhooks. Types in this package are the
 * API ({@link dev.switchboard.sandbox.SandboxServer}, {@link dev.switchboard.sandbox.SandboxSettings},
 * {@link dev.switchboard.sandbox.SandboxMain}); everything under {@code internal} is private to it.
 * Other modules talk to it over HTTP only.
 *
 * <h2>Numbers reserved for tests</h2>
 * The outcome of a call to a destination ending in these four digits is fixed, whatever the seed
 * and the configured probabilities:
 * <table>
 *   <caption>Reserved destinations</caption>
 *   <tr><th>ends in</th><th>what happens</th></tr>
 *   <tr><td>0001</td><td>a person answers, is positive, asks for nothing ({@code agent_hangup} or {@code user_hangup})</td></tr>
 *   <tr><td>0002</td><td>voicemail ({@code voicemail_reached}, {@code in_voicemail} true)</td></tr>
 *   <tr><td>0003</td><td>no answer ({@code dial_no_answer}, no {@code call_started})</td></tr>
 *   <tr><td>0004</td><td>busy ({@code dial_busy})</td></tr>
 *   <tr><td>0005</td><td>the carrier fails the call ({@code dial_failed})</td></tr>
 *   <tr><td>0006</td><td>the number does not exist ({@code invalid_destination})</td></tr>
 *   <tr><td>0007</td><td>a person answers and asks not to be called again ({@code do_not_call_requested} true)</td></tr>
 *   <tr><td>0008</td><td>a person answers and asks to be called back ({@code callback_requested} true)</td></tr>
 * </table>
 * A number that is not E.164 is refused with 400 and a message containing "not a valid number".
 */
package dev.switchboard.sandbox;
