/**
 * Messaging: e-mail notifications to an organization's chosen recipients, with a log of each
 * delivery (and later SMS, templates and reminders). Types in this package are the API;
 * everything under {@code internal} is private to it.
 */
package dev.switchboard.messaging;
