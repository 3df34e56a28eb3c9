-- Messages. (sender_id, client_msg_id) is the permanent idempotency key of a send;
-- (conversation_id, seq) orders history, (conversation_id, last_change_seq) serves resume.
create table messages (
    id              uuid        not null,
    conversation_id uuid        not null,
    seq             bigint      not null,
    last_change_seq bigint      not null,
    sender_id       uuid        not null,
    receiver_id     uuid        not null,
    client_msg_id   varchar(64) not null,
    content         text        not null,
    status          varchar(16) not null,
    has_attachments boolean     not null default false,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    edited_at       timestamptz,
    deleted_at      timestamptz,
    constraint messages_pk primary key (id),
    constraint messages_conversation_fk foreign key (conversation_id) references conversations (id),
    constraint messages_sender_fk foreign key (sender_id) references users (id),
    constraint messages_receiver_fk foreign key (receiver_id) references users (id),
    constraint messages_conversation_seq_uk unique (conversation_id, seq),
    constraint messages_sender_client_msg_uk unique (sender_id, client_msg_id),
    constraint messages_status_ck check (status in ('PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED')),
    constraint messages_seq_ck check (seq > 0 and last_change_seq >= seq)
);

create index messages_conversation_change_ix on messages (conversation_id, last_change_seq);
