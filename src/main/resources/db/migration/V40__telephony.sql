-- The platform's inventory of phone numbers (managed by platform administrators). Global: a
-- number exists before any organization uses it.
create table phone_numbers (
    id                 uuid primary key,
    e164               text        not null unique check (e164 ~ '^\+[1-9][0-9]{6,14}$'),
    display_name       text        not null check (length(btrim(display_name)) between 1 and 80),
    provider           text        not null check (provider in ('sandbox', 'retell', 'vapi', 'twilio')),
    provider_number_id text,
    status             text        not null default 'active' check (status in ('active', 'inactive', 'pending')),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);

-- Which organizations use which numbers (many-to-many), exactly one primary per organization,
-- and the agents that answer (inbound) and place (outbound) calls on each.
create table organization_phone_numbers (
    organization_id   uuid        not null references organizations (id) on delete cascade,
    phone_number_id   uuid        not null references phone_numbers (id) on delete cascade,
    is_primary        boolean     not null default false,
    inbound_agent_id  uuid,
    outbound_agent_id uuid,
    assigned_at       timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (organization_id, phone_number_id)
);
create unique index organization_phone_numbers_one_primary on organization_phone_numbers (organization_id) where is_primary;
create index organization_phone_numbers_number_idx on organization_phone_numbers (phone_number_id);
select app_enable_tenant_rls('organization_phone_numbers');

-- Which provider account an organization uses per provider: the platform's (default) or its
-- own, whose secret lives encrypted in organization_secrets. Only non-secret facts here.
create table organization_provider_accounts (
    organization_id uuid        not null references organizations (id) on delete cascade,
    provider        text        not null check (provider in ('retell', 'vapi', 'twilio')),
    mode            text        not null check (mode in ('platform', 'own')),
    key_last_four   text,
    settings        jsonb       not null default '{}',
    validated_at    timestamptz,
    updated_by      uuid,
    updated_at      timestamptz not null default now(),
    primary key (organization_id, provider)
);
select app_enable_tenant_rls('organization_provider_accounts');
