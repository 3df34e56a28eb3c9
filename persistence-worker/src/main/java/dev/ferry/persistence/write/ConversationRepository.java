package dev.ferry.persistence.write;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import org.jooq.DSLContext;
import org.jooq.Query;

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

	/** Creates the direct conversations and memberships that do not exist yet. */
	void ensureDirect(Map<ConversationId, Set<UserId>> conversations) {
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

	/**
	 * Locks the conversations for this transaction and reads their last seq. One
	 * partition owns each conversation, so the lock only matters while a rebalance hands
	 * it over.
	 */
	Map<ConversationId, Long> lockSequences(Collection<ConversationId> ids) {
		Map<ConversationId, Long> sequences = new HashMap<>();
		if (ids.isEmpty()) {
			return sequences;
		}
		this.dsl.select(CONVERSATIONS.ID, CONVERSATIONS.LAST_SEQ)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.in(ids.stream().map(ConversationId::value).toList()))
			.orderBy(CONVERSATIONS.ID)
			.forUpdate()
			.fetch()
			.forEach((row) -> sequences.put(new ConversationId(row.value1()), row.value2()));
		return sequences;
	}

	void saveSequences(Map<ConversationId, Long> sequences, Instant now) {
		List<Query> updates = sequences.entrySet()
			.stream()
			.map((entry) -> (Query) this.dsl.update(CONVERSATIONS)
				.set(CONVERSATIONS.LAST_SEQ, entry.getValue())
				.set(CONVERSATIONS.LAST_ACTIVITY_AT, now.atOffset(ZoneOffset.UTC))
				.where(CONVERSATIONS.ID.eq(entry.getKey().value())))
			.toList();
		if (!updates.isEmpty()) {
			this.dsl.batch(updates).execute();
		}
	}

	/** Every member's marks in these conversations. */
	Map<Member, Marks> marks(Collection<ConversationId> ids) {
		Map<Member, Marks> marks = new HashMap<>();
		if (ids.isEmpty()) {
			return marks;
		}
		this.dsl.selectFrom(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.in(ids.stream().map(ConversationId::value).toList()))
			.fetch()
			.forEach((row) -> marks.put(
					new Member(new ConversationId(row.getConversationId()), new UserId(row.getUserId())),
					new Marks(row.getDeliveredUpToSeq(), row.getReadUpToSeq(), row.getDeliveredChangedSeq(),
							row.getReadChangedSeq())));
		return marks;
	}

	void saveMarks(Map<Member, Marks> marks) {
		List<Query> updates = marks.entrySet()
			.stream()
			.map((entry) -> (Query) this.dsl.update(CONVERSATION_MEMBERS)
				.set(CONVERSATION_MEMBERS.DELIVERED_UP_TO_SEQ, entry.getValue().deliveredUpToSeq())
				.set(CONVERSATION_MEMBERS.READ_UP_TO_SEQ, entry.getValue().readUpToSeq())
				.set(CONVERSATION_MEMBERS.DELIVERED_CHANGED_SEQ, entry.getValue().deliveredChangedSeq())
				.set(CONVERSATION_MEMBERS.READ_CHANGED_SEQ, entry.getValue().readChangedSeq())
				.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(entry.getKey().conversationId().value()))
				.and(CONVERSATION_MEMBERS.USER_ID.eq(entry.getKey().userId().value())))
			.toList();
		if (!updates.isEmpty()) {
			this.dsl.batch(updates).execute();
		}
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
