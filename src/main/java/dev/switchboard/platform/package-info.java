/**
 * Shared plumbing every module stands on: the tenancy context, problem+json errors, paging
 * conventions, secrets encryption, background jobs, mail and rate limits.
 * Types in this package are the API; everything under {@code internal} is private to it.
 */
package dev.switchboard.platform;
