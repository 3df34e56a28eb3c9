-- The idempotent-consumer log of the persistence worker: every command other than a send
-- (whose idempotency key is messages_sender_client_msg_uk) is recorded in the transaction
-- that applied it, with the events it produced, so a re-delivered command re-publishes
-- exactly those events and changes nothing.
create table processed_commands (
    command_id      uuid        not null,
    conversation_id uuid        not null,
    processed_at    timestamptz not null default current_timestamp,
    events          text        not null,
    constraint processed_commands_pk primary key (command_id)
);

create index processed_commands_processed_at_ix on processed_commands (processed_at);
