-- Administrators create users, disable and enable them, change their role and reset their
-- password; users change their own password. A disabled user cannot log in.
alter table users add column disabled boolean not null default false;

-- [jooq ignore start]
-- The gateway answers the administration API and PUT /auth/password, and ends the
-- sessions of a disabled user (it could already delete sessions).
grant insert, update on users to ferry_gateway;
-- [jooq ignore stop]
