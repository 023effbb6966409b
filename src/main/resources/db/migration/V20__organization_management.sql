-- At most one open invitation per e-mail and organization: inviting the same address again
-- revokes the older one first, and this index is the backstop should two invitations race.
create unique index invitations_open_email_key on invitations (organization_id, lower(email))
    where accepted_at is null and revoked_at is null;

-- The member list pages through an organization's members by the time they joined.
create index memberships_org_joined_idx on memberships (organization_id, created_at, user_id);

-- The audit log grows without bound; its filters (action prefix, actor, target) must not scan
-- an organization's whole history.
create index audit_events_org_action_idx on audit_events (organization_id, action text_pattern_ops, occurred_at desc);
create index audit_events_org_actor_idx on audit_events (organization_id, actor_user_id, occurred_at desc)
    where actor_user_id is not null;
create index audit_events_org_target_idx on audit_events (organization_id, target_type, target_id, occurred_at desc);
