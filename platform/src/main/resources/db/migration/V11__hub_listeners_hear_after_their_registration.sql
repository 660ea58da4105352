-- A listener hears the events stored after its registration. Its position (the hub's latest seq when it
-- registered) alone does not say that: the fan-out appends an event to hub_event some time after its commit
-- (200 ms, or seconds while writes keep the cores busy), so events committed before a registration were
-- still being appended after it. Each appended event now carries its index in the event store, and each
-- listener the event store's latest index when it registered; it hears only the events after that index.
-- Null on rows from before this version: no event is held back for want of it.

-- the event's global index in the event store
alter table hub_event add column event_index bigint;

-- the event store's latest global index when the listener registered: it hears the events after it
alter table hub_listener add column hears_after bigint;
