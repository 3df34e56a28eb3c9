-- A user's sessions belong to one generation of the account: disabling the user, a new
-- role or a new password starts the next one. A session names its owner and generation
-- in spring_session.principal_name ('<user id>:<generation>', no longer the email, which
-- may be longer than the column), and one of an older generation is refused on every
-- request and closes its sockets, however a login racing the change interleaved with it.
alter table users add column session_generation bigint not null default 0;

-- [jooq ignore start]
-- Sessions saved before this change name their user by email, which no check accepts:
-- everyone logs in once more.
delete from spring_session;
-- [jooq ignore stop]
