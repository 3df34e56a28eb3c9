package dev.ferry.delivery.group;

import java.util.List;

import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.UserId;

/**
 * A group's members now, as the router needs them.
 *
 * @param history which messages its members read
 * @param members its members, with the seq at which each joined
 */
public record GroupMembers(HistoryVisibility history, List<GroupMember> members) {

	public GroupMembers {
		members = List.copyOf(members);
	}

	/** Every member. */
	public List<UserId> userIds() {
		return this.members.stream().map(GroupMember::userId).toList();
	}

	/** The members who read the group's message at {@code seq}. */
	public List<UserId> readersOf(long seq) {
		return this.members.stream()
			.filter((member) -> seq > this.history.readsAfter(member.joinedAtSeq()))
			.map(GroupMember::userId)
			.toList();
	}

	/** Whether the user is a member. */
	public boolean includes(UserId user) {
		return this.members.stream().anyMatch((member) -> member.userId().equals(user));
	}

}
