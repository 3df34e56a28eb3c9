-- Groups created with history ALL were stored as SINCE_JOIN until 2026-12-08: the insert
-- left the column to its default, and the first change after the creation read it back.
-- A group's creation (seq 1) was announced with the setting it was made with; take it
-- from there.
-- [jooq ignore start]
update conversations c
set history = 'ALL'
from group_changes g
where g.conversation_id = c.id
  and g.seq = 1
  and c.kind = 'GROUP'
  and c.history <> 'ALL'
  and (g.event::jsonb #>> '{payload,group,history}') = 'ALL';
-- [jooq ignore stop]
