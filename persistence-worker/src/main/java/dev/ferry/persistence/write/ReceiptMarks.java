package dev.ferry.persistence.write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageStatus;

/**
 * The readers' receipt marks while one batch is applied: how a report moves them, and
 * when a report joins the same reader's previous receipt so that the two make one change
 * (one seq, one event, one push) instead of two.
 */
final class ReceiptMarks {

	private final Map<Member, Marks> marks;

	private final Map<Member, Marks> changed = new HashMap<>();

	private final List<Receipt> receipts = new ArrayList<>();

	/**
	 * The receipt that took a conversation's latest seq in this batch, while no other
	 * change took one after it: a report from the same reader can join it.
	 */
	private final Map<ConversationId, LatestReceipt> latest = new HashMap<>();

	ReceiptMarks(Map<Member, Marks> loaded) {
		this.marks = new HashMap<>(loaded);
	}

	/** The reader's marks, or {@code null} when the reader is not in the conversation. */
	Marks of(ConversationId conversationId, UserId reader) {
		return this.marks.get(new Member(conversationId, reader));
	}

	/**
	 * A member a group gained in this batch, who may report in it too: with no marks yet,
	 * or those of their earlier time in the group if the batch read them.
	 */
	void admit(Member member) {
		this.marks.putIfAbsent(member, Marks.NONE);
	}

	/** The other member of a conversation, or {@code null} when it is not known. */
	UserId peerOf(ConversationId conversationId, UserId user) {
		return this.marks.keySet()
			.stream()
			.filter((member) -> member.conversationId().equals(conversationId) && !member.userId().equals(user))
			.map(Member::userId)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Another change took a seq of the conversation: no later receipt joins an earlier.
	 */
	void seqTaken(ConversationId conversationId) {
		this.latest.remove(conversationId);
	}

	/**
	 * Merges a report into the reader's marks with max(); READ implies DELIVERED. A
	 * report that moves no mark changes nothing and takes no seq. A report that follows
	 * the same reader's receipt in this batch, with no other change of the conversation
	 * in between, joins it when the two make one change (READ covering DELIVERED) and
	 * takes its seq.
	 * @param commandId the report
	 * @param reader who reports
	 * @param status {@code DELIVERED} or {@code READ}
	 * @param sender whose messages the report is about
	 * @param upTo the seq the report reaches
	 * @param nextSeq takes the conversation's next seq
	 * @return the change, or {@code null} when no mark moved
	 */
	ReceiptChange advance(UUID commandId, Member reader, MessageStatus status, UserId sender, long upTo,
			LongSupplier nextSeq) {
		Marks old = this.marks.get(reader);
		long read = (status == MessageStatus.READ) ? Math.max(old.readUpToSeq(), upTo) : old.readUpToSeq();
		long delivered = Math.max(Math.max(old.deliveredUpToSeq(), upTo), read);
		if (read == old.readUpToSeq() && delivered == old.deliveredUpToSeq()) {
			return null;
		}
		LatestReceipt previous = this.latest.get(reader.conversationId());
		boolean joins = previous != null && previous.reader().equals(reader) && previous.canJoin(read, delivered);
		Marks before = old;
		long seq;
		if (joins) {
			before = previous.before();
			seq = previous.receipt().seq();
			this.receipts.removeIf((receipt) -> receipt == previous.receipt());
		}
		else {
			seq = nextSeq.getAsLong();
		}
		boolean readMoved = read > before.readUpToSeq();
		boolean deliveredMoved = delivered > before.deliveredUpToSeq();
		Marks marks = new Marks(delivered, read, deliveredMoved ? seq : before.deliveredChangedSeq(),
				readMoved ? seq : before.readChangedSeq());
		this.marks.put(reader, marks);
		this.changed.put(reader, marks);
		Receipt receipt = new Receipt(reader.conversationId(), sender,
				readMoved ? before.readUpToSeq() : before.deliveredUpToSeq(), readMoved ? read : delivered,
				readMoved ? MessageStatus.READ : MessageStatus.DELIVERED, seq);
		this.receipts.add(receipt);
		this.latest.put(reader.conversationId(), new LatestReceipt(reader, before, receipt, commandId));
		return new ReceiptChange(receipt, joins ? previous.commandId() : null);
	}

	/** The receipts to write, one per change. */
	List<Receipt> receipts() {
		return this.receipts;
	}

	/** The marks that moved, by reader. */
	Map<Member, Marks> changed() {
		return this.changed;
	}

	/**
	 * What a report changed.
	 *
	 * @param receipt its write: the status reached, up to which seq, at which seq
	 * @param joinedCommandId the earlier report it joined, whose own event is withdrawn;
	 * or {@code null}
	 */
	record ReceiptChange(Receipt receipt, UUID joinedCommandId) {
	}

	/**
	 * A receipt of this batch that took its conversation's latest seq.
	 *
	 * @param reader the reader
	 * @param before the reader's marks before it
	 * @param receipt its write
	 * @param commandId the report it came from
	 */
	private record LatestReceipt(Member reader, Marks before, Receipt receipt, UUID commandId) {

		/**
		 * Whether marks reached from {@link #before} make one change: READ covers
		 * DELIVERED only when both marks end equal.
		 */
		boolean canJoin(long read, long delivered) {
			return read == this.before.readUpToSeq() || read == delivered;
		}

	}

}
