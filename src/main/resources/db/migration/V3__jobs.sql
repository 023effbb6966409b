-- db-scheduler's table (its documented PostgreSQL schema for 16.x, priority included), shared by
-- every node: a row is one pending or running execution; nodes claim rows with optimistic locking.
-- task_data holds UTF-8 JSON written by Switchboard, never Java serialization.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Jobs that failed every attempt, kept for an administrator to retry or cancel. A global table:
-- the organization a job worked for is data here, not a tenant boundary.
create table parked_jobs (
    id                      uuid        primary key,
    task_name               text        not null,
    task_instance           text        not null,
    data                    bytea,
    subject_organization_id uuid,
    attempts                integer     not null,
    last_error              text,
    first_failed_at         timestamptz not null,
    parked_at               timestamptz not null default now(),
    unique (task_name, task_instance)
);
create index parked_jobs_parked_at_idx on parked_jobs (parked_at desc);
