-- Every change of a group, as the GroupChanged event that announced it (its envelope's
-- JSON, the record chat.events.v1 carries), by its seq: a resuming member is sent the
-- group as the latest change in their time left it, in order with the messages.
create table group_changes (
    conversation_id uuid        not null,
    seq             bigint      not null,
    event           text        not null,
    constraint group_changes_pk primary key (conversation_id, seq),
    constraint group_changes_conversation_fk foreign key (conversation_id) references conversations (id)
);

-- [jooq ignore start]
grant select, insert on group_changes to ferry_persistence;
grant select on group_changes to ferry_gateway;
-- [jooq ignore stop]
