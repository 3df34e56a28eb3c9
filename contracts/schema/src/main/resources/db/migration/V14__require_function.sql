-- Fails the statement that calls it, and so every change that statement made, unless the
-- condition holds. The persistence worker writes a poll in one statement with no
-- transaction around its read: the statement checks with this that nobody changed what the
-- read saw (a conversation's sequence, an upload), failing with SQLSTATE 40001, the code of
-- a serialization failure, which the worker retries from a fresh read.
-- jOOQ's code generator skips the function: the worker calls it from plain SQL.
-- [jooq ignore start]
create function ferry_require(condition boolean, failure text) returns boolean
    language plpgsql
as
$$
begin
    if not condition then
        raise exception using errcode = '40001', message = failure;
    end if;
    return true;
end
$$;
-- [jooq ignore stop]
