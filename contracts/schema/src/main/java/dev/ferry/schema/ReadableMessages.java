package dev.ferry.schema;

import java.util.UUID;

import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.schema.jooq.tables.ConversationMembers;
import dev.ferry.schema.jooq.tables.Conversations;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;
import static dev.ferry.schema.jooq.Tables.MESSAGES;

/**
 * Which {@code messages} rows a member reads, in SQL: the one rule of every read path
 * (history, changes, resume, the conversation list, downloads). A member reads a
 * conversation's messages after they joined (all of them where a group shows its whole
 * history; a direct conversation's members joined at 0) and up to when they left; a
 * former member reads only those that have not changed since they left, so nothing that
 * happened after a removal reaches them.
 */
public final class ReadableMessages {

	private static final ConversationMembers READER = CONVERSATION_MEMBERS.as("reader");

	private static final Conversations READ = CONVERSATIONS.as("read");

	private ReadableMessages() {
	}

	/** The messages {@code reader} reads, whatever their conversation. */
	public static Condition readBy(UUID reader) {
		return DSL.exists(DSL.selectOne()
			.from(READER)
			.join(READ)
			.on(READ.ID.eq(READER.CONVERSATION_ID))
			.where(READER.CONVERSATION_ID.eq(MESSAGES.CONVERSATION_ID))
			.and(READER.USER_ID.eq(reader))
			.and(readByMember(READER, READ)));
	}

	/**
	 * The messages the member of the {@code member} row reads, of its conversation
	 * {@code conversation}.
	 */
	public static Condition readByMember(ConversationMembers member, Conversations conversation) {
		return readBetween(DSL.when(conversation.HISTORY.eq(HistoryVisibility.ALL.name()), DSL.inline(0L))
			.otherwise(member.JOINED_AT_SEQ), DSL.coalesce(member.LEFT_AT_SEQ, DSL.inline(Long.MAX_VALUE)));
	}

	/**
	 * The messages a member reads who reads after {@code afterSeq} and until
	 * {@code untilSeq} ({@link Long#MAX_VALUE} while they are in the conversation).
	 */
	public static Condition readBetween(long afterSeq, long untilSeq) {
		return readBetween(DSL.val(afterSeq), DSL.val(untilSeq));
	}

	private static Condition readBetween(Field<Long> afterSeq, Field<Long> untilSeq) {
		return MESSAGES.SEQ.gt(afterSeq).and(MESSAGES.SEQ.le(untilSeq)).and(MESSAGES.LAST_CHANGE_SEQ.le(untilSeq));
	}

}
