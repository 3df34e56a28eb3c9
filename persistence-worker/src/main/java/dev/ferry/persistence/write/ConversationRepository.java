package dev.ferry.persistence.write;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.persistence.system.ConcurrentWriterException;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;

/**
 * Conversations, their sequences and their members' receipt marks.
 */
@Repository
class ConversationRepository {

	private final DSLContext dsl;

	ConversationRepository(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** Creates direct conversations and their memberships. */
	void createDirect(Map<ConversationId, Set<UserId>> conversations) {
		if (conversations.isEmpty()) {
			return;
		}
		var insertConversations = this.dsl.insertInto(CONVERSATIONS, CONVERSATIONS.ID, CONVERSATIONS.KIND);
		var insertMembers = this.dsl.insertInto(CONVERSATION_MEMBERS, CONVERSATION_MEMBERS.CONVERSATION_ID,
				CONVERSATION_MEMBERS.USER_ID);
		for (Map.Entry<ConversationId, Set<UserId>> conversation : conversations.entrySet()) {
			insertConversations = insertConversations.values(conversation.getKey().value(), "DIRECT");
			for (UserId member : conversation.getValue()) {
				insertMembers = insertMembers.values(conversation.getKey().value(), member.value());
			}
		}
		insertConversations.onConflictDoNothing().execute();
		insertMembers.onConflictDoNothing().execute();
	}

	/** The last seq of each of these conversations that exists. */
	Map<ConversationId, Long> sequences(Collection<ConversationId> ids) {
		Map<ConversationId, Long> sequences = new HashMap<>();
		if (ids.isEmpty()) {
			return sequences;
		}
		this.dsl.select(CONVERSATIONS.ID, CONVERSATIONS.LAST_SEQ)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(DSL.any(ids.stream().map(ConversationId::value).toArray(UUID[]::new))))
			.fetch()
			.forEach((row) -> sequences.put(new ConversationId(row.value1()), row.value2()));
		return sequences;
	}

	/**
	 * Moves each conversation's last seq from what this batch read to what it assigned,
	 * in one statement. One partition owns a conversation, so nobody else moves it;
	 * should a consumer that lost its partition in a rebalance still be writing, fewer
	 * rows match and the whole batch rolls back to be applied again on fresh numbers.
	 */
	void advanceSequences(Map<ConversationId, SequenceChange> changes, Instant now) {
		if (changes.isEmpty()) {
			return;
		}
		// Three arrays, one statement shape whatever the number of conversations.
		List<Map.Entry<ConversationId, SequenceChange>> entries = List.copyOf(changes.entrySet());
		Table<?> moves = DSL
			.table("unnest({0}, {1}, {2})",
					DSL.val(entries.stream().map((change) -> change.getKey().value()).toArray(UUID[]::new)),
					DSL.val(entries.stream().map((change) -> change.getValue().from()).toArray(Long[]::new)),
					DSL.val(entries.stream().map((change) -> change.getValue().to()).toArray(Long[]::new)))
			.as("moves", "id", "from_seq", "to_seq");
		int moved = this.dsl.update(CONVERSATIONS)
			.set(CONVERSATIONS.LAST_SEQ, DSL.field(DSL.name("moves", "to_seq"), Long.class))
			.set(CONVERSATIONS.LAST_ACTIVITY_AT, now.atOffset(ZoneOffset.UTC))
			.from(moves)
			.where(CONVERSATIONS.ID.eq(DSL.field(DSL.name("moves", "id"), UUID.class)))
			.and(CONVERSATIONS.LAST_SEQ.eq(DSL.field(DSL.name("moves", "from_seq"), Long.class)))
			.execute();
		if (moved != changes.size()) {
			throw new ConcurrentWriterException(
					"Another writer moved " + (changes.size() - moved) + " conversation sequences meanwhile");
		}
	}

	/**
	 * How a batch moved a conversation's sequence.
	 *
	 * @param from the last seq it read
	 * @param to the last seq it assigned
	 */
	record SequenceChange(long from, long to) {
	}

	/** Every member's marks in these conversations. */
	Map<Member, Marks> marks(Collection<ConversationId> ids) {
		Map<Member, Marks> marks = new HashMap<>();
		if (ids.isEmpty()) {
			return marks;
		}
		this.dsl.selectFrom(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID
				.eq(DSL.any(ids.stream().map(ConversationId::value).toArray(UUID[]::new))))
			.fetch()
			.forEach((row) -> marks.put(
					new Member(new ConversationId(row.getConversationId()), new UserId(row.getUserId())),
					new Marks(row.getDeliveredUpToSeq(), row.getReadUpToSeq(), row.getDeliveredChangedSeq(),
							row.getReadChangedSeq())));
		return marks;
	}

	/** Stores the marks as one prepared statement in one round trip. */
	void saveMarks(Map<Member, Marks> marks) {
		if (marks.isEmpty()) {
			return;
		}
		BatchBindStep batch = this.dsl.batch(this.dsl.update(CONVERSATION_MEMBERS)
			.set(CONVERSATION_MEMBERS.DELIVERED_UP_TO_SEQ, DSL.param("deliveredUpTo", Long.class))
			.set(CONVERSATION_MEMBERS.READ_UP_TO_SEQ, DSL.param("readUpTo", Long.class))
			.set(CONVERSATION_MEMBERS.DELIVERED_CHANGED_SEQ, DSL.param("deliveredChanged", Long.class))
			.set(CONVERSATION_MEMBERS.READ_CHANGED_SEQ, DSL.param("readChanged", Long.class))
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(DSL.param("conversation", UUID.class)))
			.and(CONVERSATION_MEMBERS.USER_ID.eq(DSL.param("user", UUID.class))));
		for (Map.Entry<Member, Marks> entry : marks.entrySet()) {
			Marks mark = entry.getValue();
			batch = batch.bind(Map.of("deliveredUpTo", mark.deliveredUpToSeq(), "readUpTo", mark.readUpToSeq(),
					"deliveredChanged", mark.deliveredChangedSeq(), "readChanged", mark.readChangedSeq(),
					"conversation", entry.getKey().conversationId().value(), "user", entry.getKey().userId().value()));
		}
		batch.execute();
	}

	/** A member of a conversation. */
	record Member(ConversationId conversationId, UserId userId) {
	}

	/**
	 * A member's receipt marks and the conversation seqs at which they last moved.
	 */
	record Marks(long deliveredUpToSeq, long readUpToSeq, long deliveredChangedSeq, long readChangedSeq) {
	}

}
