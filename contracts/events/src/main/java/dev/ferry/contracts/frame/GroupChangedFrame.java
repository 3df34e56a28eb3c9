package dev.ferry.contracts.frame;

import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupSummary;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * {@code group-changed}: a group the user is in (or was, until this change) was created
 * or changed. It says what changed, never lists the members: those are read with
 * {@code GET /conversations/:id/members}.
 *
 * @param conversationId the group
 * @param seq the conversation seq of the change
 * @param actorId who changed it
 * @param change what happened
 * @param userId the member concerned, or {@code null}
 * @param member the member added or given a role, as the change left them, or
 * {@code null}
 * @param group the group after the change, without its members
 */
public record GroupChangedFrame(ConversationId conversationId, long seq, UserId actorId, GroupChange change,
		UserId userId, GroupMember member, GroupSummary group) implements ServerFrame {

	public static GroupChangedFrame of(GroupChanged event) {
		return new GroupChangedFrame(event.conversationId(), event.seq(), event.actorId(), event.change(),
				event.userId(), event.member(), event.group());
	}

}
