-- Files attached to a message; the bytes live in object storage under storage_key.
create table message_attachments (
    id           uuid         not null,
    message_id   uuid         not null,
    file_name    varchar(255) not null,
    content_type varchar(127) not null,
    size_bytes   bigint       not null,
    storage_key  varchar(512) not null,
    created_at   timestamptz  not null default current_timestamp,
    constraint message_attachments_pk primary key (id),
    constraint message_attachments_message_fk foreign key (message_id) references messages (id) on delete cascade,
    constraint message_attachments_size_ck check (size_bytes >= 0)
);

create index message_attachments_message_ix on message_attachments (message_id);
