-- The runtime role: owns nothing, cannot bypass row-level security. The application's pool
-- switches to it on every connection; migrations run as the owner.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = '${app_role}') then
        begin
            create role ${app_role} nologin nobypassrls;
        exception when duplicate_object then
            null; -- another database on the same server created it at the same moment
        end;
    end if;
    begin
        execute 'grant ${app_role} to ' || quote_ident(current_user);
    exception when others then
        null; -- superusers may switch to any role without membership
    end;
end
$$;

grant usage on schema public to ${app_role};
alter default privileges in schema public grant select, insert, update, delete on tables to ${app_role};
alter default privileges in schema public grant usage, select on sequences to ${app_role};

-- The organization of the current transaction, set by the application per transaction.
create function app_current_org() returns uuid
    language sql stable
as $$ select nullif(current_setting('app.organization_id', true), '')::uuid $$;

-- True only inside the platform administrator's audited, read-only cross-organization path.
create function app_cross_org_read() returns boolean
    language sql stable
as $$ select coalesce(current_setting('app.cross_org_read', true), '') = 'on' $$;

-- Every tenant table calls this right after it is created.
create function app_enable_tenant_rls(t regclass) returns void
    language plpgsql
as $$
begin
    execute format('alter table %s enable row level security', t);
    execute format('alter table %s force row level security', t);
    execute format('create policy tenant_isolation on %s using (organization_id = app_current_org()) '
                       'with check (organization_id = app_current_org())', t);
    execute format('create policy platform_read on %s for select using (app_cross_org_read())', t);
end
$$;
