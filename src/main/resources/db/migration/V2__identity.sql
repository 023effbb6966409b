-- Functions marked "security definer" below are the narrow lookups that run before an
-- organization is known. They run as the owner and, so that they work even when the owner is
-- subject to row-level security, open the read-only cross-organization policy for their own
-- duration only (a function-level SET is restored when the function returns).

-- Organizations are the tenant root: each sees only itself.
create table organizations (
    id                   uuid primary key,
    name                 text        not null check (length(btrim(name)) between 1 and 120),
    time_zone            text        not null default 'UTC',
    default_region       text        not null default 'US' check (default_region ~ '^[A-Z]{2}$'),
    plan_tier            text        not null default 'starter'
                                     check (plan_tier in ('starter', 'professional', 'enterprise')),
    usage_minutes_total  numeric(14, 2) not null default 0,
    usage_minutes_mtd    numeric(14, 2) not null default 0,
    usage_last_reset_at  timestamptz not null default now(),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
alter table organizations enable row level security;
alter table organizations force row level security;
create policy tenant_isolation on organizations
    using (id = app_current_org()) with check (id = app_current_org());
create policy platform_read on organizations for select using (app_cross_org_read());

-- People. A user may belong to several organizations; the user row itself is global.
create table users (
    id                uuid primary key,
    email             text        not null check (length(email) between 3 and 254),
    full_name         text        check (length(full_name) <= 120),
    password_hash     text        not null,
    platform_role     text        check (platform_role in ('platform_admin')),
    email_verified_at timestamptz,
    disabled_at       timestamptz,
    last_sign_in_at   timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table memberships (
    organization_id uuid        not null references organizations (id) on delete cascade,
    user_id         uuid        not null references users (id) on delete cascade,
    role            text        not null check (role in ('admin', 'manager', 'viewer')),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (organization_id, user_id)
);
create index memberships_user_idx on memberships (user_id);
select app_enable_tenant_rls('memberships');

-- The organizations a user belongs to, needed at sign-in before any organization is chosen.
create function user_memberships(p_user_id uuid)
    returns table (organization_id uuid, organization_name text, role text)
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$
    select m.organization_id, o.name, m.role
      from memberships m join organizations o on o.id = m.organization_id
     where m.user_id = p_user_id
     order by m.created_at, o.name
$$;

-- Tables below without an organization_id column are global (not tenant-owned): the column
-- name organization_id marks a tenant table, and every such table gets row-level security.

-- Browser sessions; the cookie holds a random token, only its hash is kept.
create table sessions (
    id                    uuid primary key,
    token_hash            bytea       not null unique,
    user_id               uuid        not null references users (id) on delete cascade,
    active_organization_id uuid       references organizations (id) on delete cascade,
    impersonator_user_id  uuid        references users (id) on delete cascade,
    impersonation_reason  text,
    parent_session_id     uuid        references sessions (id) on delete cascade,
    ip                    text,
    user_agent            text,
    created_at            timestamptz not null default now(),
    last_seen_at          timestamptz not null default now(),
    expires_at            timestamptz not null,
    revoked_at            timestamptz
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expiry_idx on sessions (expires_at);

-- Rotating refresh tokens for API clients; a reused token revokes its whole family.
create table refresh_tokens (
    id              uuid primary key,
    family_id       uuid        not null,
    token_hash      bytea       not null unique,
    user_id         uuid        not null references users (id) on delete cascade,
    active_organization_id uuid not null references organizations (id) on delete cascade,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    used_at         timestamptz,
    revoked_at      timestamptz
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_expiry_idx on refresh_tokens (expires_at);

create table api_keys (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    name            text        not null check (length(btrim(name)) between 1 and 80),
    prefix          text        not null,
    token_hash      bytea       not null unique,
    scopes          text[]      not null,
    created_by      uuid        references users (id) on delete set null,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz,
    last_used_at    timestamptz,
    revoked_at      timestamptz,
    rotated_from    uuid        references api_keys (id) on delete set null
);
create index api_keys_org_idx on api_keys (organization_id, created_at desc);
select app_enable_tenant_rls('api_keys');

-- Finds a key by its hash before its organization is known (the narrow lookup of an API call).
create function api_key_by_hash(p_hash bytea)
    returns table (id uuid, organization_id uuid, scopes text[], expires_at timestamptz,
                   revoked_at timestamptz, created_by uuid, last_used_at timestamptz)
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$
    select k.id, k.organization_id, k.scopes, k.expires_at, k.revoked_at, k.created_by, k.last_used_at
      from api_keys k where k.token_hash = p_hash
$$;

-- Records when a key was last used; runs before the key's organization is in scope.
create function api_key_touch(p_id uuid, p_at timestamptz) returns void
    language plpgsql security definer set search_path = public set app.organization_id = '' set app.cross_org_read = 'off'
as $$
declare
    v_org uuid;
begin
    perform set_config('app.cross_org_read', 'on', true);
    select organization_id into v_org from api_keys where id = p_id;
    perform set_config('app.cross_org_read', 'off', true);
    perform set_config('app.organization_id', v_org::text, true);
    update api_keys set last_used_at = p_at where id = p_id and (last_used_at is null or last_used_at < p_at);
end
$$;

create table invitations (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    email           text        not null,
    role            text        not null check (role in ('admin', 'manager', 'viewer')),
    token_hash      bytea       not null unique,
    invited_by      uuid        references users (id) on delete set null,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    accepted_at     timestamptz,
    accepted_by     uuid        references users (id) on delete set null,
    revoked_at      timestamptz
);
create index invitations_org_idx on invitations (organization_id, created_at desc);
select app_enable_tenant_rls('invitations');

-- Finds an invitation by its token before its organization is known.
create function invitation_by_hash(p_hash bytea)
    returns table (id uuid, organization_id uuid, organization_name text, email text, role text,
                   expires_at timestamptz, accepted_at timestamptz, revoked_at timestamptz)
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$
    select i.id, i.organization_id, o.name, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at
      from invitations i join organizations o on o.id = i.organization_id
     where i.token_hash = p_hash
$$;

create table password_reset_tokens (
    id           uuid primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    token_hash   bytea       not null unique,
    requested_ip text,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    used_at      timestamptz
);

create table email_change_tokens (
    id          uuid primary key,
    user_id     uuid        not null references users (id) on delete cascade,
    new_email   text        not null,
    token_hash  bytea       not null unique,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz
);

-- What happened in an organization, by whom, from where.
create table audit_events (
    id                   uuid primary key,
    organization_id      uuid        not null references organizations (id) on delete cascade,
    occurred_at          timestamptz not null default now(),
    actor_user_id        uuid,
    actor_label          text,
    impersonator_user_id uuid,
    action               text        not null,
    target_type          text,
    target_id            text,
    ip                   text,
    user_agent           text,
    request_id           text,
    details              jsonb       not null default '{}'
);
create index audit_events_org_time_idx on audit_events (organization_id, occurred_at desc, id desc);
select app_enable_tenant_rls('audit_events');

-- What happened outside any one organization: platform administration, unknown sign-ins.
create table platform_audit_events (
    id                   uuid primary key,
    subject_organization_id uuid,
    occurred_at          timestamptz not null default now(),
    actor_user_id        uuid,
    actor_label          text,
    impersonator_user_id uuid,
    action               text        not null,
    target_type          text,
    target_id            text,
    ip                   text,
    user_agent           text,
    request_id           text,
    details              jsonb       not null default '{}'
);
create index platform_audit_events_time_idx on platform_audit_events (occurred_at desc, id desc);

-- Fixed-window counters shared by every node (sign-in, reset and sign-up limits).
create table rate_limit_windows (
    bucket       text        not null,
    window_start timestamptz not null,
    hits         integer     not null,
    primary key (bucket, window_start)
);
create index rate_limit_windows_start_idx on rate_limit_windows (window_start);
