-- Live events: what the organizations' Server-Sent Event streams deliver, kept for a day so
-- that a client reconnecting with Last-Event-ID gets what it missed. One sequence numbers the
-- events of every organization and the platform notices, so an id is a position in any stream.
create sequence live_event_ids;

create table live_events (
    id              bigint primary key default nextval('live_event_ids'),
    organization_id uuid not null references organizations (id) on delete cascade,
    channel         text not null check (channel in ('organization', 'calls', 'campaigns', 'user')),
    type            text not null,
    data            jsonb not null,
    -- The one user a 'user' channel notice is for.
    user_id         uuid references users (id) on delete cascade,
    created_at      timestamptz not null default now(),
    constraint live_events_user_notice check ((channel = 'user') = (user_id is not null))
);

create index live_events_replay on live_events (organization_id, id);
create index live_events_age on live_events (created_at);

select app_enable_tenant_rls('live_events');

-- Notices to platform administrators belong to no organization.
create table live_platform_notices (
    id         bigint primary key default nextval('live_event_ids'),
    type       text not null,
    data       jsonb not null,
    created_at timestamptz not null default now()
);

create index live_platform_notices_age on live_platform_notices (created_at);

-- The organizations that have live events older than p_before, so that the retention job can
-- open each one's scope and delete them.
create function live_event_organizations(p_before timestamptz) returns setof uuid
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$ select distinct organization_id from live_events where created_at < p_before $$;
