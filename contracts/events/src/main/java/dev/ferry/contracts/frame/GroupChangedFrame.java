package dev.ferry.contracts.frame;

import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * {@code group-changed}: a group the user is in (or was, until this change) was created
 * or changed.
 *
 * @param conversationId the group
 * @param seq the conversation seq of the change
 * @param actorId who changed it
 * @param change what happened
 * @param userId the member concerned, or {@code null}
 * @param group the group after the change
 */
public record GroupChangedFrame(ConversationId conversationId, long seq, UserId actorId, GroupChange change,
		UserId userId, Group group) implements ServerFrame {

	public static GroupChangedFrame of(GroupChanged event) {
		return new GroupChangedFrame(event.conversationId(), event.seq(), event.actorId(), event.change(),
				event.userId(), event.group());
	}

}
