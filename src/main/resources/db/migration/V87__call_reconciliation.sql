-- The line an inbound call arrived on, before its organization is known: the number, its status
-- and the organization using it (the one with an inbound agent first, then the earliest
-- assigned). No row for a number the platform does not have; a null organization for a number
-- no organization uses.
create function inbound_line(p_e164 text)
    returns table (phone_number_id uuid, number_status text, organization_id uuid, inbound_agent_id uuid)
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$
    select n.id, n.status, a.organization_id, a.inbound_agent_id
    from phone_numbers n
    left join organization_phone_numbers a on a.phone_number_id = n.id
    where n.e164 = p_e164
    order by a.inbound_agent_id is null, a.assigned_at
    limit 1
$$;

-- A call Twilio carried (an inbound call connected to a voice agent) keeps Twilio's CallSid in
-- its metadata, so Twilio's status callbacks find it.
create index calls_twilio_call_sid_idx on calls ((metadata ->> 'twilioCallSid')) where metadata ? 'twilioCallSid';

create function organization_of_twilio_call(p_call_sid text) returns uuid
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$ select organization_id from calls where metadata ->> 'twilioCallSid' = p_call_sid limit 1 $$;

-- Reconciliation with the voice provider, per organization: a lease so that a scheduled run and
-- a requested one never work on the same organization at once, and the last run's summary.
create table call_reconciliations (
    organization_id uuid        primary key references organizations (id) on delete cascade,
    held_until      timestamptz,
    last_run_at     timestamptz,
    last_checked    integer     not null default 0,
    last_repaired   integer     not null default 0
);
select app_enable_tenant_rls('call_reconciliations');

-- The organizations whose calls may need reconciling: a call started since p_since, or one not
-- yet in a final state.
create function organizations_with_open_calls(p_since timestamptz) returns setof uuid
    language sql stable security definer set search_path = public set app.cross_org_read = 'on'
as $$
    select distinct organization_id from calls
    where created_at >= p_since or status not in ('completed', 'failed', 'cancelled')
$$;
