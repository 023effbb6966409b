-- Usage and billing of calls.

-- Billing settings are organization settings, kept with the others on the organization: the price
-- of a call minute in USD (4 decimals) and whether a call is billed per started second or minute.
alter table organizations
    add column billing_rate_per_minute numeric(8, 4) not null default 0.2500
        check (billing_rate_per_minute >= 0 and billing_rate_per_minute <= 100),
    add column billing_increment text not null default 'second'
        check (billing_increment in ('second', 'minute'));

-- One row per billed call: what it cost at the rate of the moment it ended. The unique key bills a
-- call once however often its end is reported. Days and months are the organization's local ones
-- at the time of billing.
create table usage_history (
    id                  uuid primary key,
    organization_id     uuid           not null references organizations (id) on delete cascade,
    call_id             uuid           not null references calls (id) on delete cascade,
    period_start        date           not null,
    usage_date          date           not null,
    duration_seconds    integer        not null check (duration_seconds > 0),
    billable_seconds    integer        not null check (billable_seconds >= duration_seconds),
    billing_increment   text           not null check (billing_increment in ('second', 'minute')),
    rate_per_minute     numeric(8, 4)  not null check (rate_per_minute >= 0),
    cost_usd            numeric(14, 6) not null check (cost_usd >= 0),
    provider_cost_cents numeric(12, 4),
    call_started_at     timestamptz,
    call_ended_at       timestamptz    not null,
    created_at          timestamptz    not null default now(),
    unique (organization_id, call_id)
);
create index usage_history_org_ended_idx on usage_history (organization_id, call_ended_at desc, id desc);
create index usage_history_org_day_idx on usage_history (organization_id, usage_date);
select app_enable_tenant_rls('usage_history');

-- Running totals per organization, changed in the transaction that bills a call. The month-to-date
-- figures belong to period_start (the 1st of a local month): a reset for a later month moves it
-- forward, so a reset that runs twice or late changes nothing more.
create table usage_counters (
    organization_id        uuid           primary key references organizations (id) on delete cascade,
    period_start           date           not null,
    calls_total            bigint         not null default 0,
    billable_seconds_total bigint         not null default 0,
    cost_total_usd         numeric(18, 6) not null default 0,
    calls_mtd              bigint         not null default 0,
    billable_seconds_mtd   bigint         not null default 0,
    cost_mtd_usd           numeric(18, 6) not null default 0,
    updated_at             timestamptz    not null default now()
);
select app_enable_tenant_rls('usage_counters');

-- The organizations whose month-to-date counters may belong to a month before their current local
-- one at p_now (every local clock is at most 14 hours ahead of UTC), with their time zone, for the
-- monthly reset, which runs before any organization is in scope and decides each one exactly.
create function usage_counters_due_for_reset(p_now timestamptz)
    returns table (organization_id uuid, time_zone text, period_start date)
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$
    select c.organization_id, o.time_zone, c.period_start
      from usage_counters c join organizations o on o.id = c.organization_id
     where c.period_start < date_trunc('month', (p_now at time zone 'UTC') + interval '14 hours')::date
     order by c.organization_id
$$;
