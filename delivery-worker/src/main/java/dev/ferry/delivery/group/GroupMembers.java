package dev.ferry.delivery.group;

import java.util.List;

import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.UserId;

/**
 * A group's members as the router needs them: each with the seq that added them and, for
 * one who left or was removed, the seq of that change, so an event is routed to the
 * members of its own seq however far the roster has read since.
 *
 * @param history which messages its members read
 * @param seats every member and former member known
 */
public record GroupMembers(HistoryVisibility history, List<Seat> seats) {

	public GroupMembers {
		seats = List.copyOf(seats);
	}

	/** The members now. */
	public List<UserId> current() {
		return this.seats.stream().filter((seat) -> seat.leftAtSeq() == null).map(Seat::userId).toList();
	}

	/** The members in the group as of the change at {@code seq}, that change included. */
	public List<UserId> at(long seq) {
		return this.seats.stream().filter((seat) -> seat.in(seq)).map(Seat::userId).toList();
	}

	/**
	 * The members who read the message at {@code messageSeq}, as of the change at
	 * {@code seq} (the message's creation, or a later edit or delete of it).
	 */
	public List<UserId> readersOf(long messageSeq, long seq) {
		return this.seats.stream()
			.filter((seat) -> seat.in(seq) && messageSeq > this.history.readsAfter(seat.joinedAtSeq()))
			.map(Seat::userId)
			.toList();
	}

	/** Whether the user was in the group as of the change at {@code seq}. */
	public boolean includes(UserId user, long seq) {
		return this.seats.stream().anyMatch((seat) -> seat.userId().equals(user) && seat.in(seq));
	}

	/**
	 * A member's time in the group.
	 *
	 * @param userId the member
	 * @param joinedAtSeq the seq of the change that added them
	 * @param leftAtSeq the seq of the change that took them out, or {@code null} while
	 * they are in it
	 */
	public record Seat(UserId userId, long joinedAtSeq, Long leftAtSeq) {

		/** Whether they were in the group as of the change at {@code seq}. */
		boolean in(long seq) {
			return this.joinedAtSeq <= seq && (this.leftAtSeq == null || this.leftAtSeq > seq);
		}

	}

}
