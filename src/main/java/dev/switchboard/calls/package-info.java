/**
 * Calls, inbound and outbound, with their transcripts, recordings, outcomes and costs.
 * For now only the Calls page, which lists none until calls are recorded.
 */
package dev.switchboard.calls;
