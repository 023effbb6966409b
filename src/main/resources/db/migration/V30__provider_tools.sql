-- Tools (functions an AI agent may call) registered at a voice-AI provider, once per provider
-- account rather than once per organization: every organization's agents on that account link
-- the same tool by its provider id. A global table, deliberately without organization_id.
-- account_fingerprint is the SHA-256 (hex) of the account's API key, never the key itself, so
-- that rotating to another account registers the tools again there.
-- definition_hash is the SHA-256 of the tool's canonical JSON definition (sorted keys): a
-- changed definition is registered anew, an unchanged one is reused.
create table provider_tool_registrations (
    provider            text        not null check (length(provider) between 1 and 50),
    account_fingerprint text        not null check (account_fingerprint ~ '^[0-9a-f]{64}$'),
    tool_name           text        not null check (length(tool_name) between 1 and 64),
    definition_hash     text        not null check (definition_hash ~ '^[0-9a-f]{64}$'),
    provider_tool_id    text        not null check (length(provider_tool_id) between 1 and 200),
    registered_at       timestamptz not null default now(),
    primary key (provider, account_fingerprint, tool_name)
);
