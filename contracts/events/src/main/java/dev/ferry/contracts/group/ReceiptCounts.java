package dev.ferry.contracts.group;

import java.util.Collection;

import dev.ferry.contracts.id.UserId;

/**
 * How far a group's message got: counted from the members' receipt marks, never stored
 * per message.
 *
 * @param deliveredTo the members whose delivered mark reached it
 * @param readBy the members whose read mark reached it
 * @param members the members who can read it: those in the group now, its sender
 * excluded, who joined before it (or all, where the group shows its whole history)
 */
public record ReceiptCounts(int deliveredTo, int readBy, int members) {

	/**
	 * How far the message at {@code seq} got, counted from the marks of the members in
	 * the group now: those who read it (joined before it, or all where the group shows
	 * its whole history), its sender excluded.
	 */
	public static ReceiptCounts of(long seq, UserId sender, HistoryVisibility history,
			Collection<MemberMarks> members) {
		int delivered = 0;
		int read = 0;
		int readers = 0;
		for (MemberMarks member : members) {
			if (member.userId().equals(sender) || seq <= history.readsAfter(member.joinedAtSeq())) {
				continue;
			}
			readers++;
			delivered += (member.deliveredUpToSeq() >= seq) ? 1 : 0;
			read += (member.readUpToSeq() >= seq) ? 1 : 0;
		}
		return new ReceiptCounts(delivered, read, readers);
	}

}
