package dev.ferry.contracts.user;

import java.time.Instant;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.UserId;

/**
 * A user as they are after a change, on the compacted {@code chat.users.v1}: the latest
 * record of a user id is the account as it stands. It never carries a password or its
 * hash.
 *
 * @param userId the user; the record key
 * @param email the login, lower-case
 * @param name the display name
 * @param role SUPERADMIN, ADMIN or OWNER
 * @param disabled whether the account may no longer log in
 * @param createdAt when the account was created
 * @param changedAt when this change was made
 */
public record UserChanged(UserId userId, String email, String name, String role, boolean disabled, Instant createdAt,
		Instant changedAt) implements Payload {

	@Override
	public String recordKey() {
		return this.userId.toString();
	}

}
