-- Campaigns in provider-batch mode hand their contacts to the voice provider's batch API. The
-- mode is called provider_batch in the API; the word "batch" alone never reached a campaign.
alter table campaigns drop constraint campaigns_dispatch_mode_check;
update campaigns set dispatch_mode = 'provider_batch' where dispatch_mode = 'batch';
alter table campaigns add constraint campaigns_dispatch_mode_check check (dispatch_mode in ('pacer', 'provider_batch'));

-- One row per batch a campaign submits, written (submitting) before the provider is asked, so a
-- crash between the request and its answer leaves a trace and the batch is never sent twice.
drop table campaign_batches;
create table campaign_batches (
    id                uuid primary key,
    organization_id   uuid        not null references organizations (id) on delete cascade,
    campaign_id       uuid        not null references campaigns (id) on delete cascade,
    sequence          integer     not null check (sequence >= 1),
    name              text        not null,
    state             text        not null default 'submitting' check (state in ('submitting', 'submitted', 'refused')),
    provider_batch_id text,
    time_zone         text        not null,
    task_count        integer     not null check (task_count between 1 and 1000),
    accepted_count    integer,
    failure_reason    text,
    created_at        timestamptz not null default now(),
    submitted_at      timestamptz,
    check ((state = 'submitted') = (submitted_at is not null))
);
create unique index campaign_batches_sequence_key on campaign_batches (organization_id, campaign_id, sequence);
create index campaign_batches_provider_idx on campaign_batches (organization_id, provider_batch_id) where provider_batch_id is not null;
select app_enable_tenant_rls('campaign_batches');

-- The batch an attempt was submitted in.
alter table campaign_attempts add column batch_id uuid;
create index campaign_attempts_batch_idx on campaign_attempts (organization_id, batch_id) where batch_id is not null;
