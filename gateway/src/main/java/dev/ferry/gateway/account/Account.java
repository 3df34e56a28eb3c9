package dev.ferry.gateway.account;

import java.time.Instant;
import java.util.UUID;

import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.user.UserChanged;

/**
 * A user as administrators see them.
 *
 * @param id the user id
 * @param email the login, lower-case
 * @param name the display name
 * @param role SUPERADMIN, ADMIN or OWNER
 * @param disabled whether the user may no longer log in
 * @param createdAt when the user was created
 * @param lastSeenAt when the user was last connected, or {@code null}
 */
record Account(UUID id, String email, String name, String role, boolean disabled, Instant createdAt,
		Instant lastSeenAt) {

	Account withLastSeenAt(Instant lastSeenAt) {
		return new Account(this.id, this.email, this.name, this.role, this.disabled, this.createdAt, lastSeenAt);
	}

	/** What {@code chat.users.v1} says of the user after a change made at {@code now}. */
	UserChanged changed(Instant now) {
		return new UserChanged(new UserId(this.id), this.email, this.name, this.role, this.disabled, this.createdAt,
				now);
	}

}
