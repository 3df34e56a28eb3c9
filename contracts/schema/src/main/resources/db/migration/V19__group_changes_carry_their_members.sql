-- GroupChanged version 2 carries the members a change concerns (`members`) and the group
-- without its members; version 1 carried the whole group. The changes stored before,
-- in group_changes (replayed by a resume) and processed_commands (published again when
-- a poll is re-delivered), are rewritten as version 2, so nothing replays a change whose
-- members a version 2 reader would pass over: a creation names its members, an addition
-- or a new role the member, a removal or a departure the member as their row holds them.
-- [jooq ignore start]
create function ferry_group_changed_v2(envelope jsonb, conversation uuid) returns jsonb
language sql stable as $$
    select case
        when envelope ->> 'type' is distinct from 'GroupChanged' or envelope ->> 'version' <> '1' then envelope
        else jsonb_set(jsonb_set(envelope, '{version}', '2'), '{payload}',
            ((envelope -> 'payload') - 'group')
            || jsonb_build_object(
                'members', case envelope #>> '{payload,change}'
                    when 'CREATED' then coalesce(envelope #> '{payload,group,members}', '[]'::jsonb)
                    when 'RENAMED' then '[]'::jsonb
                    when 'MEMBER_ADDED' then coalesce((select jsonb_agg(m) from jsonb_array_elements(
                        envelope #> '{payload,group,members}') m where m ->> 'userId' = envelope #>> '{payload,userId}'),
                        '[]'::jsonb)
                    when 'ROLE_CHANGED' then coalesce((select jsonb_agg(m) from jsonb_array_elements(
                        envelope #> '{payload,group,members}') m where m ->> 'userId' = envelope #>> '{payload,userId}'),
                        '[]'::jsonb)
                    else coalesce((select jsonb_build_array(jsonb_build_object('userId', cm.user_id, 'role', cm.role,
                        'joinedAtSeq', cm.joined_at_seq)) from conversation_members cm
                        where cm.conversation_id = conversation
                          and cm.user_id = (envelope #>> '{payload,userId}')::uuid), '[]'::jsonb)
                    end,
                'group', (envelope #> '{payload,group}') - 'members'))
        end
$$;

update group_changes
set event = ferry_group_changed_v2(event::jsonb, conversation_id)::text
where (event::jsonb ->> 'version') = '1';

update processed_commands p
set events = (select jsonb_agg(ferry_group_changed_v2(e.envelope, p.conversation_id) order by e.position)
              from jsonb_array_elements(p.events::jsonb) with ordinality as e (envelope, position))::text
where p.events like '%"GroupChanged"%';

drop function ferry_group_changed_v2(jsonb, uuid);
-- [jooq ignore stop]
