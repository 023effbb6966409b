-- Every mail Switchboard sends, stored before delivery so that none is lost while SMTP is down.
-- A global table (platform mail such as password resets has no organization); the organization
-- a mail is about is data here, not a tenant boundary.
create table mail_outbox (
    id                      uuid        primary key,
    subject_organization_id uuid,
    to_address              text        not null,
    reply_to                text,
    subject                 text        not null,
    body_text               text        not null,
    body_html               text        not null,
    template                text        not null,
    status                  text        not null default 'queued'
                                        check (status in ('queued', 'sent', 'captured', 'failed')),
    attempts                integer     not null default 0,
    last_error              text,
    created_at              timestamptz not null default now(),
    sent_at                 timestamptz
);
create index mail_outbox_created_idx on mail_outbox (created_at desc, id);
create index mail_outbox_org_idx on mail_outbox (subject_organization_id, created_at desc)
    where subject_organization_id is not null;
