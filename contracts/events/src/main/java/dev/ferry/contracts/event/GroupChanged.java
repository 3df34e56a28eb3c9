package dev.ferry.contracts.event;

import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * A group was created or changed; the change took {@code seq} in the conversation's
 * sequence, in order with its messages, and {@code group} is the whole group after it.
 *
 * @param conversationId the group
 * @param seq the conversation seq this change took
 * @param actorId who changed it
 * @param change what happened
 * @param userId the member added, removed, who left or was given a role; {@code null} for
 * a creation or a rename
 * @param group the group after the change
 */
public record GroupChanged(ConversationId conversationId, long seq, UserId actorId, GroupChange change, UserId userId,
		Group group) implements ChatEvent {

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.groupChanged(this);
	}

}
