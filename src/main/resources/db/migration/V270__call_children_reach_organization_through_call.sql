-- A call's timeline entries and bills, and the live events of an organization, are written for
-- every webhook event processed. Each of their foreign keys to organizations took a share lock on
-- the organization's row per row written, the same row every worker of that organization locks
-- and whose usage counters are updated at each commit, so the workers queued behind each other on
-- it. The timeline entries and bills keep their foreign key to the call (which cascades from the
-- organization through calls), and row-level security still checks organization_id on every
-- insert. Live events are short-lived (pruned by age) and only ever written for the
-- organization in scope.
do $$
declare
    fk record;
begin
    for fk in
        select c.conrelid::regclass as table_name, c.conname
        from pg_constraint c
        where c.contype = 'f'
          and c.confrelid = 'organizations'::regclass
          and c.conrelid in ('call_events'::regclass, 'usage_history'::regclass, 'live_events'::regclass)
    loop
        execute format('alter table %s drop constraint %I', fk.table_name, fk.conname);
    end loop;
end
$$;
