-- An upload given up, withdrawn by its uploader or failed on its way to the bucket, is
-- DISCARDED at once, in a write of its own: from then on it counts against no limit and no
-- send can attach it, whatever the bucket does next. Its objects are deleted, then its
-- row; if the bucket does not answer, the janitor does both on its next run. V18's states
-- gain one; like UPLOADING, a discarded upload may lack its name, type and digest.
alter table message_attachments drop constraint message_attachments_state_ck;
alter table message_attachments add constraint message_attachments_state_ck check (state in ('UPLOADING', 'PENDING', 'ATTACHED', 'ORPHANED', 'DISCARDED'));
alter table message_attachments drop constraint message_attachments_message_ck;
alter table message_attachments add constraint message_attachments_message_ck check ((state in ('UPLOADING', 'PENDING', 'DISCARDED')) = (message_id is null));
alter table message_attachments drop constraint message_attachments_stored_ck;
alter table message_attachments add constraint message_attachments_stored_ck check (state in ('UPLOADING', 'DISCARDED') or (file_name is not null and content_type is not null and sha256 is not null));

-- [jooq ignore start]
-- The janitor finds the discarded uploads it has to purge.
create index message_attachments_discarded_ix on message_attachments (created_at) where state = 'DISCARDED';
-- [jooq ignore stop]
