package dev.ferry.delivery.group;

import dev.ferry.contracts.id.ConversationId;

/**
 * A record about a group whose members are not known here yet: the roster has not read
 * that far. A transient failure: the poll is routed again after a back-off, as often as
 * it takes.
 */
public class UnknownGroupException extends RuntimeException {

	public UnknownGroupException(ConversationId group) {
		super("Members of group " + group + " not known yet");
	}

}
