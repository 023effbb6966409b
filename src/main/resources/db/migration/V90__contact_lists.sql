-- Contact lists: an uploaded CSV or XLSX file, imported in the background into contacts (the
-- rows accepted) and contact_rejections (what was refused and why). Nothing uploaded is dropped
-- silently: every data row is either a contact or has at least one rejection.
create table contact_lists (
    id                uuid primary key,
    organization_id   uuid        not null references organizations (id) on delete cascade,
    name              text        not null check (length(btrim(name)) between 1 and 120),
    file_name         text        check (length(file_name) <= 255),
    file_format       text        not null check (file_format in ('csv', 'xlsx')),
    file_bytes        bigint      not null default 0,
    status            text        not null default 'uploaded'
                                  check (status in ('uploaded', 'importing', 'ready', 'failed')),
    -- Progress while importing: data rows read so far (empty rows are not counted).
    rows_read         bigint      not null default 0,
    total_count       integer     not null default 0,
    accepted_count    integer     not null default 0,
    rejected_count    integer     not null default 0,
    duplicate_count   integer     not null default 0,
    do_not_call_count integer     not null default 0,
    -- The normalized headers of the file, in file order; all but phone_number and crm_id are
    -- the dynamic variables of each contact.
    columns           jsonb       not null default '[]',
    error             text,
    created_by        uuid,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    completed_at      timestamptz
);
create index contact_lists_org_created_idx on contact_lists (organization_id, created_at desc, id desc);
select app_enable_tenant_rls('contact_lists');

-- The accepted rows. row_number is the row in the spreadsheet sense (the header is row 1);
-- do_not_call marks numbers on the organization's do-not-call list at import time. Rows go with
-- their list (whose organization_id has the foreign key): one key check per row instead of two
-- keeps million-row imports fast.
create table contacts (
    id              uuid        primary key,
    organization_id uuid        not null,
    contact_list_id uuid        not null references contact_lists (id) on delete cascade,
    row_number      integer     not null,
    phone_number    text        not null check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
    crm_id          text        not null,
    name            text,
    variables       jsonb       not null default '{}',
    do_not_call     boolean     not null default false
);
create unique index contacts_list_row_key on contacts (organization_id, contact_list_id, row_number);
select app_enable_tenant_rls('contacts');

-- Why a row (or, with row_number 0, the whole file) was refused. A row may have several.
create table contact_rejections (
    id              bigint      generated always as identity primary key,
    organization_id uuid        not null,
    contact_list_id uuid        not null references contact_lists (id) on delete cascade,
    row_number      integer     not null,
    line_number     bigint      not null,
    column_name     text,
    value           text        check (length(value) <= 200),
    reason          text        not null
);
create index contact_rejections_list_idx on contact_rejections (organization_id, contact_list_id, row_number, id);
select app_enable_tenant_rls('contact_rejections');

-- The organization's do-not-call list: numbers no campaign may call.
create table do_not_call (
    organization_id uuid        not null references organizations (id) on delete cascade,
    phone_number    text        not null check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
    source          text        not null check (source in ('manual', 'import', 'api', 'call')),
    reason          text        check (length(reason) <= 500),
    created_by      uuid,
    created_at      timestamptz not null default now(),
    primary key (organization_id, phone_number)
);
create index do_not_call_org_created_idx on do_not_call (organization_id, created_at desc, phone_number);
select app_enable_tenant_rls('do_not_call');
