package dev.ferry.persistence.write;

import dev.ferry.contracts.group.GroupRole;

/**
 * A user's row in a group: their role, the seq that added them, and the seq at which they
 * left or were removed ({@code null} while they are in it).
 */
record Membership(GroupRole role, long joinedAtSeq, Long leftAtSeq) {

	boolean active() {
		return this.leftAtSeq == null;
	}

}
