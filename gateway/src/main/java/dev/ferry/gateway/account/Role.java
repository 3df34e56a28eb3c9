package dev.ferry.gateway.account;

import dev.ferry.gateway.system.InvalidFieldException;

/**
 * What a user may do: administrators (ADMIN, SUPERADMIN) manage users; only a SUPERADMIN
 * manages SUPERADMINs.
 */
enum Role {

	SUPERADMIN, ADMIN, OWNER;

	/** The role a request names. */
	static Role named(String name) {
		for (Role role : values()) {
			if (role.name().equals(name)) {
				return role;
			}
		}
		throw new InvalidFieldException("role must be SUPERADMIN, ADMIN or OWNER");
	}

	boolean administers() {
		return this != OWNER;
	}

}
