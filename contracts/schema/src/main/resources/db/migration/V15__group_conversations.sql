-- Group conversations: a title, who sees history from before they joined, and members with
-- a role and the seq at which they joined (or left). A member who left keeps the rows of
-- their time in the group: left_at_seq bounds what they can read; added again, the row
-- starts over. Direct conversations have neither title nor roles that matter: their two
-- members are MEMBERs who joined at 0 and never leave.
alter table conversations add column title varchar(200);
alter table conversations add column history varchar(16) not null default 'SINCE_JOIN';
alter table conversations add constraint conversations_history_ck check (history in ('SINCE_JOIN', 'ALL'));
alter table conversations add constraint conversations_group_title_ck check ((kind = 'GROUP') = (title is not null));

alter table conversation_members add column role varchar(16) not null default 'MEMBER';
alter table conversation_members add column joined_at_seq bigint not null default 0;
alter table conversation_members add column left_at_seq bigint;
alter table conversation_members add constraint conversation_members_role_ck check (role in ('OWNER', 'ADMIN', 'MEMBER'));
alter table conversation_members add constraint conversation_members_left_ck check (left_at_seq is null or left_at_seq > joined_at_seq);

-- A group's message is for every member: it has no receiver.
alter table messages alter column receiver_id drop not null;

