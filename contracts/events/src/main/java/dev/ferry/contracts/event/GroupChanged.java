package dev.ferry.contracts.event;

import java.util.List;

import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupSummary;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.AddedField;

/**
 * A group was created or changed; the change took {@code seq} in the conversation's
 * sequence, in order with its messages. It carries the change, not the whole group: a
 * rename of a group of a thousand is as small as one of two.
 *
 * @param conversationId the group
 * @param seq the conversation seq this change took
 * @param actorId who changed it
 * @param change what happened
 * @param userId the member added, removed, who left or was given a role; {@code null} for
 * a creation or a rename
 * @param members the members the change concerns, as it left them: a creation's every
 * member (its creator first), the member added or given a role, the member removed or
 * leaving (as they were until then); empty for a rename (added in version 2)
 * @param group the group after the change, without its members (version 1 carried them
 * all: a reader of version 2 passes them over)
 */
public record GroupChanged(ConversationId conversationId, long seq, UserId actorId, GroupChange change, UserId userId,
		@AddedField List<GroupMember> members, GroupSummary group) implements ChatEvent {

	public GroupChanged {
		members = (members != null) ? List.copyOf(members) : List.of();
	}

	/** The member added or given a role, as the change left them; else {@code null}. */
	public GroupMember member() {
		return (this.change == GroupChange.MEMBER_ADDED || this.change == GroupChange.ROLE_CHANGED)
				&& !this.members.isEmpty() ? this.members.get(0) : null;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.groupChanged(this);
	}

}
