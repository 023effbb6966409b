-- Who receives an organization's e-mail notifications, and for which events. No row: the
-- organization's admins receive every notification.
create table notification_preferences (
    organization_id    uuid        primary key references organizations (id) on delete cascade,
    recipients         text[]      not null default '{}',
    campaign_started   boolean     not null default true,
    campaign_completed boolean     not null default true,
    campaign_failed    boolean     not null default true,
    updated_at         timestamptz not null default now(),
    updated_by         uuid
);
select app_enable_tenant_rls('notification_preferences');

-- Each notification sent: one row per event, subject and recipient, which also makes sending
-- exactly once (a repeated event finds its row). The mail itself is in mail_outbox.
create table notification_deliveries (
    id              uuid        primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    event           text        not null,
    subject_id      uuid        not null,
    subject_name    text        not null,
    recipient       text        not null,
    mail_id         uuid        not null,
    created_at      timestamptz not null default now(),
    unique (organization_id, event, subject_id, recipient)
);
create index notification_deliveries_org_idx on notification_deliveries (organization_id, created_at desc, id desc);
select app_enable_tenant_rls('notification_deliveries');
