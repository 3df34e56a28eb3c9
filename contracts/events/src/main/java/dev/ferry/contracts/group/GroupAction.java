package dev.ferry.contracts.group;

/** What a {@link dev.ferry.contracts.command.ChangeGroup} command asks. */
public enum GroupAction {

	/** Add a user with a role ({@code MEMBER} if none is given). */
	ADD_MEMBER,

	/** Remove a member; a member removing themself leaves. */
	REMOVE_MEMBER,

	/** Give a member another role. */
	CHANGE_ROLE,

	/** Give the group another title. */
	RENAME

}
