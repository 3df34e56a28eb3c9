-- Files are uploaded before a message names them: an upload is PENDING (its uploader's,
-- until it expires), ATTACHED once a message of its uploader names it, and ORPHANED when
-- that message is deleted, until its objects are purged after a grace period; a purged
-- upload has no row. message_attachments (V5) gains what that needs.
alter table message_attachments alter column message_id drop not null;
alter table message_attachments add column uploader_id uuid not null;
alter table message_attachments add constraint message_attachments_uploader_fk foreign key (uploader_id) references users (id);
alter table message_attachments add column sha256 varchar(64) not null;
alter table message_attachments add column state varchar(16) not null default 'PENDING';
alter table message_attachments add constraint message_attachments_state_ck check (state in ('PENDING', 'ATTACHED', 'ORPHANED'));
alter table message_attachments add constraint message_attachments_message_ck check ((state = 'PENDING') = (message_id is null));
-- Where in its message the sender put it.
alter table message_attachments add column ordinal smallint;
alter table message_attachments add column expires_at timestamptz;
alter table message_attachments add column orphaned_at timestamptz;
alter table message_attachments add column width integer;
alter table message_attachments add column height integer;
-- A preview of an image, made when it was uploaded, never when it is asked for.
alter table message_attachments add column thumbnail_key varchar(512);
alter table message_attachments add column thumbnail_type varchar(127);

-- [jooq ignore start]
create index message_attachments_pending_ix on message_attachments (uploader_id) where state = 'PENDING';
create index message_attachments_expiry_ix on message_attachments (expires_at) where state = 'PENDING';
create index message_attachments_orphaned_ix on message_attachments (orphaned_at) where state = 'ORPHANED';

-- The gateway records uploads and purges them; the persistence worker attaches them to
-- the messages that name them, and orphans them when those are deleted.
grant insert, update, delete on message_attachments to ferry_gateway;
grant select, update on message_attachments to ferry_persistence;
-- [jooq ignore stop]
