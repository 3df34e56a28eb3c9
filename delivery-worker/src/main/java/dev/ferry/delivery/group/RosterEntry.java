package dev.ferry.delivery.group;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.UserId;

/**
 * One group as the roster knows it, member by member: each member's place is the one the
 * change with the highest seq gave it, whichever source told it first, so the records of
 * the compacted topic and the events may come in any order between them.
 */
final class RosterEntry {

	private HistoryVisibility history;

	private final Map<UserId, Seat> seats = new LinkedHashMap<>();

	/**
	 * The group with exactly these members as of {@code seq}: others whose seat is older
	 * left by then.
	 */
	synchronized void whole(HistoryVisibility history, List<GroupMember> members, long seq) {
		this.history = history;
		members.forEach((member) -> seat(member.userId(), member.role(), member.joinedAtSeq(), true, seq));
		List<UserId> listed = members.stream().map(GroupMember::userId).toList();
		this.seats.replaceAll((user, seat) -> (seat.active() && seat.changedSeq() < seq && !listed.contains(user))
				? new Seat(seat.role(), seat.joinedAtSeq(), false, seq) : seat);
	}

	/** One member's place as the change at {@code seq} left it. */
	synchronized void seat(UserId user, GroupRole role, long joinedAtSeq, boolean active, long seq) {
		Seat known = this.seats.get(user);
		if (known == null || seq > known.changedSeq()) {
			this.seats.put(user, new Seat(role, joinedAtSeq, active, seq));
		}
	}

	/** A member gone at {@code seq}, their seat otherwise as known. */
	synchronized void left(UserId user, long seq) {
		Seat known = this.seats.get(user);
		seat(user, (known != null) ? known.role() : GroupRole.MEMBER, (known != null) ? known.joinedAtSeq() : 0, false,
				seq);
	}

	/** The members now, or {@code null} while the group itself is not known. */
	synchronized GroupMembers members() {
		if (this.history == null) {
			return null;
		}
		return new GroupMembers(this.history, this.seats.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().active())
			.map((entry) -> new GroupMember(entry.getKey(), entry.getValue().role(), entry.getValue().joinedAtSeq()))
			.toList());
	}

	private record Seat(GroupRole role, long joinedAtSeq, boolean active, long changedSeq) {
	}

}
