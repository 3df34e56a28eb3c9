package dev.ferry.delivery.group;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.UserId;

/**
 * One group as the roster knows it, member by member: each member's seat is the one the
 * change with the highest seq gave it, whichever source told it first, so the records of
 * the compacted topic and the events may come in any order between them.
 */
final class RosterEntry {

	private HistoryVisibility history;

	private final Map<UserId, Place> places = new LinkedHashMap<>();

	/**
	 * The group with exactly these members as of {@code seq}. A member it no longer
	 * lists, whose seat is older, left by then, at a seq not known: they are taken to
	 * have read nothing the router meets from here on, rather than something after their
	 * removal.
	 */
	synchronized void whole(HistoryVisibility history, List<GroupMember> members, long seq) {
		this.history = history;
		members.forEach((member) -> seat(member.userId(), member.joinedAtSeq(), null, seq));
		Set<UserId> listed = new HashSet<>();
		members.forEach((member) -> listed.add(member.userId()));
		this.places.replaceAll(
				(user, place) -> (place.leftAtSeq() == null && place.changedSeq() < seq && !listed.contains(user))
						? new Place(place.joinedAtSeq(), place.joinedAtSeq(), seq) : place);
	}

	/**
	 * A member's seat as the change at {@code seq} left it: in the group since
	 * {@code joinedAtSeq}, and out since {@code leftAtSeq} unless that is {@code null}.
	 */
	synchronized void seat(UserId user, long joinedAtSeq, Long leftAtSeq, long seq) {
		Place known = this.places.get(user);
		if (known == null || seq > known.changedSeq()) {
			this.places.put(user, new Place(joinedAtSeq, leftAtSeq, seq));
		}
	}

	/** The members and former members, or {@code null} while the group is not known. */
	synchronized GroupMembers members() {
		if (this.history == null) {
			return null;
		}
		return new GroupMembers(this.history,
				this.places.entrySet()
					.stream()
					.map((entry) -> new GroupMembers.Seat(entry.getKey(), entry.getValue().joinedAtSeq(),
							entry.getValue().leftAtSeq()))
					.toList());
	}

	private record Place(long joinedAtSeq, Long leftAtSeq, long changedSeq) {
	}

}
