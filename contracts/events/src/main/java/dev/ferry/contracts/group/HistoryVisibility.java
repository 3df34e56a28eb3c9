package dev.ferry.contracts.group;

/** Which of a group's messages a member reads. */
public enum HistoryVisibility {

	/** Those after the member joined (the default). */
	SINCE_JOIN,

	/** All of them, from the group's start. */
	ALL;

	/**
	 * The seq after which a member who joined at {@code joinedAtSeq} reads the group's
	 * messages.
	 */
	public long readsAfter(long joinedAtSeq) {
		return (this == ALL) ? 0 : joinedAtSeq;
	}

}
