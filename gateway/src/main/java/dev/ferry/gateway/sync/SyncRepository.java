package dev.ferry.gateway.sync;

import java.util.List;

import dev.ferry.contracts.frame.ConversationPosition;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.schema.MessageRows;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;
import static dev.ferry.schema.jooq.Tables.MESSAGES;

/**
 * The reads of a resume: what changed in a conversation after a position, the receipt
 * marks, and every conversation of a user with its last seq and unread count.
 */
@Repository
class SyncRepository {

	private final DSLContext dsl;

	SyncRepository(DSLContext dsl) {
		this.dsl = dsl;
	}

	boolean isMember(ConversationId conversation, UserId user) {
		return this.dsl.fetchExists(CONVERSATION_MEMBERS, CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversation.value())
			.and(CONVERSATION_MEMBERS.USER_ID.eq(user.value())));
	}

	/**
	 * Messages whose latest change came after {@code position}, in the order of their
	 * changes.
	 */
	List<ChatMessage> changedAfter(ConversationId conversation, long position) {
		return this.dsl.selectFrom(MESSAGES)
			.where(MESSAGES.CONVERSATION_ID.eq(conversation.value()))
			.and(MESSAGES.LAST_CHANGE_SEQ.gt(position))
			.orderBy(MESSAGES.LAST_CHANGE_SEQ, MESSAGES.SEQ)
			.fetch(MessageRows::toChatMessage);
	}

	/** Every member's receipt marks in a conversation. */
	List<ReaderMarks> marks(ConversationId conversation) {
		return this.dsl.selectFrom(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversation.value()))
			.orderBy(CONVERSATION_MEMBERS.USER_ID)
			.fetch((row) -> new ReaderMarks(new UserId(row.getUserId()), row.getDeliveredUpToSeq(),
					row.getReadUpToSeq(), row.getDeliveredChangedSeq(), row.getReadChangedSeq()));
	}

	/**
	 * Every conversation of the user: its last seq, and how many of the others' messages
	 * (not deleted) are above the user's read mark.
	 */
	List<ConversationPosition> conversationsOf(UserId user) {
		var unread = DSL.selectCount()
			.from(MESSAGES)
			.where(MESSAGES.CONVERSATION_ID.eq(CONVERSATIONS.ID))
			.and(MESSAGES.SENDER_ID.ne(user.value()))
			.and(MESSAGES.DELETED_AT.isNull())
			.and(MESSAGES.SEQ.gt(CONVERSATION_MEMBERS.READ_UP_TO_SEQ))
			.asField("unread");
		return this.dsl.select(CONVERSATIONS.ID, CONVERSATIONS.LAST_SEQ, unread)
			.from(CONVERSATIONS)
			.join(CONVERSATION_MEMBERS)
			.on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(CONVERSATIONS.ID))
			.where(CONVERSATION_MEMBERS.USER_ID.eq(user.value()))
			.orderBy(CONVERSATIONS.LAST_ACTIVITY_AT.desc())
			.fetch((row) -> new ConversationPosition(new ConversationId(row.value1()), row.value2(),
					((Number) row.value3()).longValue()));
	}

	/**
	 * A reader's receipt marks and the seqs at which they last moved.
	 *
	 * @param reader the member
	 * @param deliveredUpToSeq the delivered mark
	 * @param readUpToSeq the read mark
	 * @param deliveredChangedSeq the seq of the change that last moved the delivered mark
	 * @param readChangedSeq the seq of the change that last moved the read mark
	 */
	record ReaderMarks(UserId reader, long deliveredUpToSeq, long readUpToSeq, long deliveredChangedSeq,
			long readChangedSeq) {
	}

}
