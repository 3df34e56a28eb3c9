-- An upload is recorded before its body is read, UPLOADING until its file is stored, so
-- that uploads in flight count against their uploader's limits from the moment they
-- start (V13's states gain one before PENDING). Its name, type and digest are known only
-- once its body is read. expires_at is then its deadline: a gateway that died meanwhile
-- leaves a row the janitor purges, with whatever objects it had written.
alter table message_attachments drop constraint message_attachments_state_ck;
alter table message_attachments add constraint message_attachments_state_ck check (state in ('UPLOADING', 'PENDING', 'ATTACHED', 'ORPHANED'));
alter table message_attachments drop constraint message_attachments_message_ck;
alter table message_attachments add constraint message_attachments_message_ck check ((state in ('UPLOADING', 'PENDING')) = (message_id is null));
alter table message_attachments alter column file_name drop not null;
alter table message_attachments alter column content_type drop not null;
alter table message_attachments alter column sha256 drop not null;
alter table message_attachments add constraint message_attachments_stored_ck check (state = 'UPLOADING' or (file_name is not null and content_type is not null and sha256 is not null));

-- [jooq ignore start]
-- An uploader's limits count their uploads in flight with those waiting to be sent; the
-- janitor purges both once they expire.
drop index message_attachments_pending_ix;
drop index message_attachments_expiry_ix;
create index message_attachments_unsent_ix on message_attachments (uploader_id) where state in ('UPLOADING', 'PENDING');
create index message_attachments_unsent_expiry_ix on message_attachments (expires_at) where state in ('UPLOADING', 'PENDING');
-- [jooq ignore stop]
