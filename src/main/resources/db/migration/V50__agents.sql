-- AI voice agents, kept in sync with the organization's voice-AI provider in the background.
create table agents (
    id                  uuid primary key,
    organization_id     uuid        not null references organizations (id) on delete cascade,
    name                text        not null check (length(btrim(name)) between 1 and 100),
    type                text        not null check (type in ('sales', 'support', 'appointment', 'survey', 'custom')),
    status              text        not null default 'draft' check (status in ('draft', 'active', 'inactive')),
    prompt_template     text        not null,
    begin_message       text,
    voice_id            text,
    language            text        not null default 'en-US',
    conversation_flow   jsonb,
    tools               jsonb       not null default '[]',
    version             integer     not null default 1,
    provider            text,
    provider_agent_id   text,
    provider_engine_id  text,
    sync_status         text        not null default 'pending' check (sync_status in ('pending', 'synced', 'failed')),
    sync_error          text,
    synced_version      integer,
    synced_at           timestamptz,
    created_by          uuid,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create unique index agents_name_key on agents (organization_id, lower(name));
create index agents_org_updated_idx on agents (organization_id, updated_at desc, id desc);
select app_enable_tenant_rls('agents');
