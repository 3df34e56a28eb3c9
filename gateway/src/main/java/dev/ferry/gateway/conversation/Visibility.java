package dev.ferry.gateway.conversation;

import dev.ferry.contracts.group.HistoryVisibility;

/**
 * Which of a conversation's seqs a member reads: those after {@code afterSeq} and up to
 * {@code upToSeq}. All of a direct conversation; in a group, those after the member
 * joined (or all, where the group shows its whole history) and up to when they left.
 *
 * @param group whether the conversation is a group
 * @param afterSeq the seq after which the member reads
 * @param upToSeq the last seq the member reads; {@link Long#MAX_VALUE} while they are in
 * it
 */
public record Visibility(boolean group, long afterSeq, long upToSeq) {

	static Visibility of(String kind, String history, long joinedAtSeq, Long leftAtSeq) {
		boolean group = "GROUP".equals(kind);
		return new Visibility(group, group ? HistoryVisibility.valueOf(history).readsAfter(joinedAtSeq) : 0,
				(leftAtSeq != null) ? leftAtSeq : Long.MAX_VALUE);
	}

	/** Whether the member is still in the conversation. */
	public boolean current() {
		return this.upToSeq == Long.MAX_VALUE;
	}

}
