-- Every verified provider webhook, stored before it is answered: the durable inbox that
-- processing works from. Global: the organization is resolved from the event afterwards.
-- One row per provider event (a duplicate delivery is absorbed by the unique key).
create table webhook_inbox (
    id                      uuid primary key,
    provider                text        not null,
    event_key               text        not null,
    event_type              text        not null,
    provider_call_id        text,
    raw_body                text        not null,
    received_at             timestamptz not null default now(),
    deliveries              integer     not null default 1,
    status                  text        not null default 'received'
                                        check (status in ('received', 'processed', 'failed', 'parked')),
    attempts                integer     not null default 0,
    last_error              text,
    processed_at            timestamptz,
    subject_organization_id uuid,
    unique (provider, event_key)
);
create index webhook_inbox_pending_idx on webhook_inbox (received_at) where status in ('received', 'failed');
create index webhook_inbox_call_idx on webhook_inbox (provider, provider_call_id);

-- The organization behind a provider agent id, for webhooks signed with an organization's own key.
create function organization_of_provider_agent(p_provider_agent_id text) returns uuid
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$ select organization_id from agents where provider_agent_id = p_provider_agent_id limit 1 $$;
