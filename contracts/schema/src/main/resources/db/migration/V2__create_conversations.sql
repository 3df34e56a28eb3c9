-- A conversation and its sequence: every change in it (message, edit, delete, receipt) takes
-- the next seq, assigned by the one persistence worker that owns its Kafka partition.
create table conversations (
    id               uuid        not null,
    kind             varchar(16) not null,
    last_seq         bigint      not null default 0,
    created_at       timestamptz not null default current_timestamp,
    last_activity_at timestamptz not null default current_timestamp,
    constraint conversations_pk primary key (id),
    constraint conversations_kind_ck check (kind in ('DIRECT', 'GROUP')),
    constraint conversations_last_seq_ck check (last_seq >= 0)
);
