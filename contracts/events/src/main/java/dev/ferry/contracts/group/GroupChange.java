package dev.ferry.contracts.group;

/** What a {@link dev.ferry.contracts.event.GroupChanged} event says happened. */
public enum GroupChange {

	CREATED, MEMBER_ADDED, MEMBER_REMOVED, MEMBER_LEFT, ROLE_CHANGED, RENAMED

}
