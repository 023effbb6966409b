/**
 * Who may do what: organizations, users, memberships and roles, sessions, tokens and API keys,
 * invitations, password resets, platform administration, impersonation and the audit log.
 * Types in this package are the API; everything under {@code internal} is private to it.
 */
package dev.switchboard.identity;
