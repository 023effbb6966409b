/**
 * Realtime: organization-scoped live event streams over Server-Sent Events, stored for
 * {@code Last-Event-ID} replay and shared between server nodes through PostgreSQL LISTEN/NOTIFY.
 * Types in this package are the API; everything under {@code internal} is private to it.
 */
package dev.switchboard.realtime;
