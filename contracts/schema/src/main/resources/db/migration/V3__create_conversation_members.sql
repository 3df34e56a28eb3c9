-- Members and their receipt marks. A mark covers every message of the other members with
-- seq <= the mark; *_changed_seq is the conversation seq of the change that last moved it,
-- so a resuming client learns which marks moved after its position.
create table conversation_members (
    conversation_id          uuid        not null,
    user_id                  uuid        not null,
    delivered_up_to_seq      bigint      not null default 0,
    read_up_to_seq           bigint      not null default 0,
    delivered_changed_seq    bigint      not null default 0,
    read_changed_seq         bigint      not null default 0,
    joined_at                timestamptz not null default current_timestamp,
    constraint conversation_members_pk primary key (conversation_id, user_id),
    constraint conversation_members_conversation_fk foreign key (conversation_id) references conversations (id),
    constraint conversation_members_user_fk foreign key (user_id) references users (id),
    constraint conversation_members_read_implies_delivered_ck check (read_up_to_seq <= delivered_up_to_seq)
);

create index conversation_members_user_ix on conversation_members (user_id);
