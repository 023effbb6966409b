-- Call records: one row per AI call, created when Switchboard starts a call (or, for a call it
-- did not start, from the first webhook that names it) and completed from the provider's events.
create table calls (
    id                   uuid primary key,
    organization_id      uuid        not null references organizations (id) on delete cascade,
    agent_id             uuid,
    campaign_id          uuid,
    batch_call_id        uuid,
    provider_batch_id    text,
    phone_number_id      uuid,
    provider             text        not null check (provider in ('retell', 'sandbox', 'vapi')),
    provider_call_id     text,
    provider_agent_id    text,
    direction            text        not null check (direction in ('inbound', 'outbound')),
    from_number          text        check (from_number ~ '^\+[1-9][0-9]{6,14}$'),
    to_number            text        check (to_number ~ '^\+[1-9][0-9]{6,14}$'),
    contact_name         text,
    crm_id               text,
    status               text        not null default 'pending'
                                     check (status in ('pending', 'queued', 'dialing', 'ringing', 'in_progress',
                                                       'analyzing', 'completed', 'failed', 'cancelled')),
    disposition          text        check (disposition in ('answered', 'voicemail', 'no_answer', 'busy', 'failed',
                                                            'invalid_number', 'cancelled')),
    disconnection_reason text,
    started_at           timestamptz,
    ended_at             timestamptz,
    duration_seconds     integer,
    cost_cents           numeric(12, 4),
    transcript           text,
    transcript_turns     jsonb,
    recording_url        text,
    recording_status     text        check (recording_status in ('pending', 'processing', 'completed', 'failed')),
    analysis             jsonb,
    dynamic_variables    jsonb       not null default '{}',
    metadata             jsonb       not null default '{}',
    needs_review         boolean     not null default false,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    -- The seed's rule: a call belongs to a batch both here and at the provider, or to neither.
    constraint calls_batch_consistency check (
        (provider_batch_id is null and batch_call_id is null) or
        (provider_batch_id is not null and batch_call_id is not null))
);
create unique index calls_provider_call_key on calls (provider, provider_call_id);
create index calls_org_created_idx on calls (organization_id, created_at desc, id desc);
create index calls_org_batch_to_idx on calls (organization_id, provider_batch_id, to_number) where provider_batch_id is not null;
create index calls_org_campaign_to_idx on calls (organization_id, campaign_id, to_number) where campaign_id is not null;
select app_enable_tenant_rls('calls');

-- A call's timeline: one row per provider event applied to it.
create table call_events (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    call_id         uuid        not null references calls (id) on delete cascade,
    inbox_id        uuid        not null unique,
    event_type      text        not null,
    occurred_at     timestamptz not null,
    received_at     timestamptz not null
);
create index call_events_call_idx on call_events (organization_id, call_id, occurred_at);
select app_enable_tenant_rls('call_events');

-- The organization behind a provider call id, for events whose agent is no longer known.
-- Retell-format webhooks (Retell and the sandbox) name no provider, hence the list.
create function organization_of_provider_call(p_providers text[], p_provider_call_id text) returns uuid
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$ select organization_id from calls where provider = any (p_providers) and provider_call_id = p_provider_call_id limit 1 $$;

-- Statuses only move forward: the rank of each. The three ends rank highest, and among them a
-- cancelled or failed call stays so even when a later event reports it completed.
create function call_status_rank(p_status text) returns integer
    language sql immutable
as $$ select case p_status when 'pending' then 0 when 'queued' then 1 when 'dialing' then 2 when 'ringing' then 3
                           when 'in_progress' then 4 when 'analyzing' then 5 when 'completed' then 6
                           when 'failed' then 7 when 'cancelled' then 8 else -1 end $$;
