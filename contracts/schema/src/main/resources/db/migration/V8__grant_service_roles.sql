-- The rights each service needs, and no more, granted to a role per service. Migrations run
-- as the schema's owner; the services connect as login users that are members of these
-- roles (the embedded stack logs in as the roles themselves). Roles belong to the whole
-- PostgreSQL cluster, so they are created only where they do not exist yet. jOOQ's code
-- generator skips this file's statements (they make no tables).
-- [jooq ignore start]
do $$
begin
    if not exists (select from pg_roles where rolname = 'ferry_gateway') then
        create role ferry_gateway nologin;
    end if;
    if not exists (select from pg_roles where rolname = 'ferry_persistence') then
        create role ferry_persistence nologin;
    end if;
end
$$;

-- The gateway reads chat history and people, and keeps the HTTP sessions.
grant select on users, conversations, conversation_members, messages, message_attachments to ferry_gateway;
grant select, insert, update, delete on spring_session, spring_session_attributes to ferry_gateway;

-- The persistence worker writes messages, conversations, receipt marks and its log of
-- applied commands; it only reads users.
grant select on users to ferry_persistence;
grant select, insert, update on conversations, conversation_members, messages to ferry_persistence;
grant select, insert on processed_commands to ferry_persistence;
-- [jooq ignore stop]
