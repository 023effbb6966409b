/**
 * What an organization sees at a glance: the dashboard of calls, campaigns and usage, and later
 * the reports built from them. It reads other modules' APIs and owns no data of its own yet.
 */
package dev.switchboard.analytics;
