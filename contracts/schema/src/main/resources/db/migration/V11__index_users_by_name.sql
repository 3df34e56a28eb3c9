-- GET /users lists the caller's conversation partners, then everyone else by name (then
-- email) up to its limit: this index lets the second part read only as many rows as it
-- returns, however many users there are.
create index users_name_email_ix on users (name, email);
