package dev.ferry.contracts.conversation;

import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * A user's membership of a group as its latest change left it, on the compacted
 * {@code chat.conversations.v1} under the key {@code <conversationId>:<userId>}: each
 * change of a group's members publishes one such small record, never the whole group.
 *
 * @param conversationId the group
 * @param userId the member, or former member
 * @param role their role (their last one, once they left)
 * @param joinedAtSeq the seq of the change that added them
 * @param leftAtSeq the seq at which they left or were removed; {@code null} while they
 * are in the group
 * @param changedSeq the seq of the change this record reflects: of two records for one
 * member, the higher wins
 */
public record GroupMembership(ConversationId conversationId, UserId userId, GroupRole role, long joinedAtSeq,
		Long leftAtSeq, long changedSeq) implements ConversationRecord {

	/** Whether the user is in the group as of this change. */
	public boolean active() {
		return this.leftAtSeq == null;
	}

	@Override
	public String recordKey() {
		return this.conversationId + ":" + this.userId;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.membership(this);
	}

}
