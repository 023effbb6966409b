-- Outbound campaigns: a contact list called by an agent, at most `concurrency` calls at a time,
-- within calling hours, with retries. Counters are kept on the row by the transactions that
-- settle each contact, so progress is read without scanning the calls.
create table campaigns (
    id                  uuid primary key,
    organization_id     uuid        not null references organizations (id) on delete cascade,
    name                text        not null check (length(btrim(name)) between 1 and 120),
    agent_id            uuid        not null,
    contact_list_id     uuid        not null,
    dispatch_mode       text        not null default 'pacer' check (dispatch_mode in ('pacer', 'batch')),
    status              text        not null default 'pending'
                                    check (status in ('pending', 'scheduled', 'processing', 'paused', 'completed',
                                                      'failed', 'cancelled')),
    concurrency         integer     not null check (concurrency between 1 and 100),
    -- When calling begins (null: as soon as the campaign is started) and the zone it was chosen in.
    start_at            timestamptz,
    time_zone           text        not null,
    max_attempts        integer     not null default 1 check (max_attempts between 1 and 10),
    retry_delay_minutes integer     not null default 60 check (retry_delay_minutes between 1 and 10080),
    retry_on            text[]      not null default '{no_answer,busy}',
    total_contacts      integer     not null default 0,
    processed_count     integer     not null default 0,
    completed_count     integer     not null default 0,
    failed_count        integer     not null default 0,
    skipped_count       integer     not null default 0,
    do_not_call_count   integer     not null default 0,
    calls_placed        integer     not null default 0,
    max_in_flight       integer     not null default 0,
    failure_reason      text,
    created_by          uuid,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    started_at          timestamptz,
    last_activity_at    timestamptz,
    finished_at         timestamptz
);
create unique index campaigns_org_name_key on campaigns (organization_id, lower(btrim(name)));
create index campaigns_org_created_idx on campaigns (organization_id, created_at desc, id desc);
create index campaigns_org_agent_idx on campaigns (organization_id, agent_id);
create index campaigns_active_idx on campaigns (status, organization_id) where status in ('scheduled', 'processing', 'paused');
select app_enable_tenant_rls('campaigns');

-- One row per attempt to reach a contact of a campaign. The dialer claims pending rows with
-- `for update skip locked` before it asks the provider for the call, so each attempt is handed
-- out once across nodes and restarts; a retry is a new row with the next attempt number.
create table campaign_attempts (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    campaign_id     uuid        not null references campaigns (id) on delete cascade,
    contact_id      uuid        not null,
    attempt         integer     not null check (attempt >= 1),
    row_number      integer     not null,
    phone_number    text        not null,
    contact_name    text,
    crm_id          text,
    variables       jsonb       not null default '{}',
    -- The callee's time zone, from the number (else the organization's), for calling hours.
    time_zone       text        not null,
    state           text        not null default 'pending'
                                check (state in ('pending', 'dialing', 'in_call', 'done', 'skipped', 'cancelled')),
    not_before      timestamptz not null,
    call_id         uuid,
    -- The call's disposition when done, or why the attempt was skipped (do_not_call).
    outcome         text,
    retried         boolean     not null default false,
    claimed_at      timestamptz,
    ended_at        timestamptz,
    created_at      timestamptz not null default now()
);
create unique index campaign_attempts_contact_key on campaign_attempts (organization_id, campaign_id, contact_id, attempt);
create index campaign_attempts_due_idx on campaign_attempts (organization_id, campaign_id, state, not_before);
create index campaign_attempts_call_idx on campaign_attempts (organization_id, call_id) where call_id is not null;
select app_enable_tenant_rls('campaign_attempts');

-- The provider batches a campaign in batch mode was sent as (one per callee time zone).
create table campaign_batches (
    organization_id   uuid        not null references organizations (id) on delete cascade,
    campaign_id       uuid        not null references campaigns (id) on delete cascade,
    provider_batch_id text        not null,
    time_zone         text        not null,
    task_count        integer     not null,
    created_at        timestamptz not null default now(),
    primary key (organization_id, campaign_id, provider_batch_id)
);
select app_enable_tenant_rls('campaign_batches');

-- Calling rules per organization; the defaults apply while an organization has no row.
create table campaign_compliance (
    organization_id     uuid primary key references organizations (id) on delete cascade,
    calling_hours       boolean     not null default true,
    window_start_minute integer     not null default 480 check (window_start_minute between 0 and 1439),
    window_end_minute   integer     not null default 1260 check (window_end_minute between 1 and 1440),
    honor_do_not_call   boolean     not null default true,
    auto_do_not_call    boolean     not null default true,
    max_attempts        integer     not null default 3 check (max_attempts between 1 and 10),
    updated_by          uuid,
    updated_at          timestamptz not null default now(),
    check (window_start_minute < window_end_minute)
);
select app_enable_tenant_rls('campaign_compliance');

-- The campaign contact a call dialled.
alter table calls add column contact_id uuid;
create index calls_org_campaign_contact_idx on calls (organization_id, campaign_id, contact_id, created_at)
    where campaign_id is not null;

-- Campaigns the background jobs look after, across organizations: started ones waiting for their
-- time, running ones and paused ones (whose calls may still be in flight).
create function campaigns_to_watch() returns table (organization_id uuid, id uuid)
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$ select organization_id, id from campaigns where status in ('scheduled', 'processing', 'paused') $$;
