package dev.ferry.contracts.group;

/**
 * What a member may do in a group: an owner or admin adds and removes members, renames
 * the group and changes roles (only an owner makes or unmakes owners); every member sends
 * and leaves. A group always has an owner: the last one cannot leave or step down.
 */
public enum GroupRole {

	OWNER, ADMIN, MEMBER;

	/** Whether this role adds, removes and renames. */
	public boolean administers() {
		return this == OWNER || this == ADMIN;
	}

}
