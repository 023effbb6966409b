-- Recordings can be deleted (by an administrator) and shared by signed links; calls are listed by
-- duration and cost as well as by time.

alter table calls add column recording_deleted_at timestamptz;
alter table calls add column recording_deleted_by uuid;
alter table calls drop constraint calls_recording_status_check;
alter table calls add constraint calls_recording_status_check
    check (recording_status in ('pending', 'processing', 'completed', 'failed', 'deleted'));

-- A deleted recording stays deleted: a provider event delivered again later (webhooks are
-- retried and replayed) must not bring its address back.
create function calls_keep_recording_deleted() returns trigger
    language plpgsql
as $$
begin
    if old.recording_deleted_at is not null then
        new.recording_deleted_at := old.recording_deleted_at;
        new.recording_deleted_by := old.recording_deleted_by;
        new.recording_url := null;
        new.recording_status := 'deleted';
    end if;
    return new;
end
$$;
create trigger calls_keep_recording_deleted before update on calls
    for each row execute function calls_keep_recording_deleted();

-- Keyset paging by duration and by cost; a call without one sorts as -1 (after every real value
-- when the longest or dearest come first).
create index calls_org_duration_idx on calls (organization_id, (coalesce(duration_seconds, -1)), id);
create index calls_org_cost_idx on calls (organization_id, (coalesce(cost_cents, -1)), id);
