-- An organization's secrets (provider API keys, BYOC credentials…), AES-256-GCM encrypted by the
-- application; the ciphertext is bound to (organization, name) so it cannot be moved to another row.
-- last_four is a hint for listings, kept apart so that listing decrypts nothing.
create table organization_secrets (
    organization_id uuid        not null references organizations (id) on delete cascade,
    name            text        not null check (length(name) between 1 and 100),
    ciphertext      text        not null,
    key_version     text        not null,
    last_four       text        check (length(last_four) = 4),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (organization_id, name)
);
select app_enable_tenant_rls('organization_secrets');
create index organization_secrets_key_version_idx on organization_secrets (key_version);

-- Which organizations have secrets under another key than the active one: the narrow lookup
-- the re-encryption job needs before it works inside each organization's scope.
create function organizations_with_secrets_to_reencrypt(p_active_version text)
    returns table (organization_id uuid)
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$
    select distinct s.organization_id from organization_secrets s where s.key_version <> p_active_version
$$;
