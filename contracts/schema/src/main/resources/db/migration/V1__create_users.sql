-- People who can log in and chat. Emails are stored lower-case so uniqueness ignores case.
create table users (
    id            uuid         not null,
    email         varchar(320) not null,
    name          varchar(200) not null,
    password_hash varchar(100) not null,
    role          varchar(16)  not null,
    created_at    timestamptz  not null default current_timestamp,
    last_seen_at  timestamptz,
    constraint users_pk primary key (id),
    constraint users_email_uk unique (email),
    constraint users_email_lower_ck check (email = lower(email)),
    constraint users_role_ck check (role in ('SUPERADMIN', 'ADMIN', 'OWNER'))
);
