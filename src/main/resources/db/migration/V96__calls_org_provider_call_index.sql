-- Webhook processing finds a call by its provider call id within the organization on every
-- event. With only the (provider, provider_call_id) key, the planner may combine it with the
-- organization's created-at index when its statistics lag behind a fast-growing table, and then
-- reads every call of the organization per event; one index on both columns leaves no such choice.
create index calls_org_provider_call_idx on calls (organization_id, provider_call_id);
