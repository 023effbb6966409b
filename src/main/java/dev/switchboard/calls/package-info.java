/**
 * Calls: provider webhooks received into a durable inbox, call records and their lifecycle,
 * transcripts, recordings and analysis, usage and billing. Types in this package are the API;
 * everything under {@code internal} is private to it.
 */
package dev.switchboard.calls;
