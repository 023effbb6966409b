-- Two lookups that run on every API-key request and every Retell webhook accepted. As SQL
-- functions with SET clauses they cannot be inlined, so PostgreSQL planned their query again on
-- every call; PL/pgSQL keeps each statement's plan for the session. Same results and privileges.

create or replace function api_key_by_hash(p_hash bytea)
    returns table (id uuid, organization_id uuid, scopes text[], expires_at timestamptz,
                   revoked_at timestamptz, created_by uuid, last_used_at timestamptz)
    language plpgsql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$
begin
    return query
        select k.id, k.organization_id, k.scopes, k.expires_at, k.revoked_at, k.created_by, k.last_used_at
          from api_keys k where k.token_hash = p_hash;
end
$$;

create or replace function organization_of_provider_agent(p_provider_agent_id text) returns uuid
    language plpgsql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$
begin
    return (select a.organization_id from agents a where a.provider_agent_id = p_provider_agent_id limit 1);
end
$$;
