package dev.ferry.contracts.conversation;

import java.util.Optional;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupSummary;

/**
 * What the compacted {@code chat.conversations.v1} holds: who shares which conversation,
 * readable in full without the database.
 */
public sealed interface ConversationRecord extends Payload permits ConversationStarted, GroupMembership {

	/**
	 * Hands this record to the visitor's method for its type, so a new type does not
	 * compile until every reader handles it.
	 */
	<R> R accept(Visitor<R> visitor);

	/**
	 * What a change of a group says of its members, as this topic keeps it: a creation,
	 * the group with its members; any other change of a member, that member's membership;
	 * a rename, nothing (nor a version 1 change, which names no member).
	 */
	static Optional<ConversationRecord> ofGroupChange(GroupChanged changed) {
		if (changed.members().isEmpty()) {
			return Optional.empty();
		}
		GroupSummary summary = changed.group();
		if (changed.change() == GroupChange.CREATED) {
			return Optional.of(new ConversationStarted(changed.conversationId(),
					changed.members().stream().map(GroupMember::userId).toList(), summary.createdAt(),
					new Group(summary.title(), summary.history(), changed.members(), summary.createdAt(),
							changed.seq())));
		}
		boolean gone = changed.change() == GroupChange.MEMBER_REMOVED || changed.change() == GroupChange.MEMBER_LEFT;
		GroupMember member = changed.members().get(0);
		return Optional.of(new GroupMembership(changed.conversationId(), member.userId(), member.role(),
				member.joinedAtSeq(), gone ? changed.seq() : null, changed.seq()));
	}

	/**
	 * What to do with each type of record.
	 *
	 * @param <R> what each method returns
	 */
	interface Visitor<R> {

		R started(ConversationStarted started);

		R membership(GroupMembership membership);

	}

}
