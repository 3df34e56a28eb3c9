package dev.ferry.contracts.group;

/** Which of a group's messages a member reads. */
public enum HistoryVisibility {

	/** Those after the member joined (the default). */
	SINCE_JOIN,

	/** All of them, from the group's start. */
	ALL

}
