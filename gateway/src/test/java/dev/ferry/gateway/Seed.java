package dev.ferry.gateway;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupSummary;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.schema.GroupChangeRows;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;
import static dev.ferry.schema.jooq.Tables.GROUP_CHANGES;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.MESSAGE_ATTACHMENTS;
import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * Known history written straight into the database, as the persistence worker would have
 * left it. Every user's password is {@code test123}, their email
 * {@code <id>@maritime.com}.
 */
public final class Seed {

	private static final String PASSWORD_HASH = new BCryptPasswordEncoder().encode("test123");

	private final DSLContext dsl;

	public Seed(DataSource dataSource) {
		this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
	}

	public DSLContext dsl() {
		return this.dsl;
	}

	public static String emailOf(UserId user) {
		return user + "@maritime.com";
	}

	public UserId user(String name) {
		return user(name, "OWNER");
	}

	/** A user with a role: SUPERADMIN, ADMIN or OWNER. */
	public UserId user(String name, String role) {
		UserId id = new UserId(UUID.randomUUID());
		this.dsl.insertInto(USERS)
			.set(USERS.ID, id.value())
			.set(USERS.EMAIL, emailOf(id))
			.set(USERS.NAME, name)
			.set(USERS.PASSWORD_HASH, PASSWORD_HASH)
			.set(USERS.ROLE, role)
			.execute();
		return id;
	}

	/** A direct conversation of two users, with its last seq and last activity. */
	public ConversationId conversation(UserId a, UserId b, long lastSeq, OffsetDateTime lastActivity) {
		ConversationId id = ConversationId.direct(a, b);
		this.dsl.insertInto(CONVERSATIONS)
			.set(CONVERSATIONS.ID, id.value())
			.set(CONVERSATIONS.KIND, "DIRECT")
			.set(CONVERSATIONS.LAST_SEQ, lastSeq)
			.set(CONVERSATIONS.LAST_ACTIVITY_AT, lastActivity)
			.execute();
		for (UserId member : new UserId[] { a, b }) {
			this.dsl.insertInto(CONVERSATION_MEMBERS)
				.set(CONVERSATION_MEMBERS.CONVERSATION_ID, id.value())
				.set(CONVERSATION_MEMBERS.USER_ID, member.value())
				.execute();
		}
		return id;
	}

	/**
	 * A group with its last seq, its history setting ({@code SINCE_JOIN} or {@code ALL}),
	 * and its creator as its {@code OWNER}, joined at 1; add the others with
	 * {@link #member}.
	 */
	public ConversationId group(String title, String history, UserId owner, long lastSeq) {
		ConversationId id = ConversationId.newGroup();
		this.dsl.insertInto(CONVERSATIONS)
			.set(CONVERSATIONS.ID, id.value())
			.set(CONVERSATIONS.KIND, "GROUP")
			.set(CONVERSATIONS.TITLE, title)
			.set(CONVERSATIONS.HISTORY, history)
			.set(CONVERSATIONS.LAST_SEQ, lastSeq)
			.set(CONVERSATIONS.LAST_ACTIVITY_AT, OffsetDateTime.now())
			.execute();
		member(id, owner, "OWNER", 1, null);
		return id;
	}

	/**
	 * A member of a group with a role, who joined at {@code joinedAtSeq} and, unless
	 * {@code leftAtSeq} is {@code null}, left at that seq.
	 */
	public void member(ConversationId group, UserId user, String role, long joinedAtSeq, Long leftAtSeq) {
		this.dsl.insertInto(CONVERSATION_MEMBERS)
			.set(CONVERSATION_MEMBERS.CONVERSATION_ID, group.value())
			.set(CONVERSATION_MEMBERS.USER_ID, user.value())
			.set(CONVERSATION_MEMBERS.ROLE, role)
			.set(CONVERSATION_MEMBERS.JOINED_AT_SEQ, joinedAtSeq)
			.set(CONVERSATION_MEMBERS.LEFT_AT_SEQ, leftAtSeq)
			.execute();
	}

	/**
	 * A change of a group at {@code seq} that left it with {@code title}, as the
	 * persistence worker stores it when it announces it.
	 */
	public void groupChange(ConversationId group, long seq, UserId actor, GroupChange change, String title) {
		this.dsl.insertInto(GROUP_CHANGES)
			.set(GROUP_CHANGES.CONVERSATION_ID, group.value())
			.set(GROUP_CHANGES.SEQ, seq)
			.set(GROUP_CHANGES.EVENT,
					GroupChangeRows.event(Envelope.of(
							new GroupChanged(group, seq, actor, change, null, List.of(),
									new GroupSummary(title, HistoryVisibility.SINCE_JOIN, Instant.now(), seq)),
							Instant.now())))
			.execute();
	}

	/**
	 * A reader who received and read up to {@code upTo}, both marks moved at seq
	 * {@code at}.
	 */
	public void readUpTo(ConversationId conversation, UserId reader, long upTo, long at) {
		this.dsl.update(CONVERSATION_MEMBERS)
			.set(CONVERSATION_MEMBERS.DELIVERED_UP_TO_SEQ, upTo)
			.set(CONVERSATION_MEMBERS.READ_UP_TO_SEQ, upTo)
			.set(CONVERSATION_MEMBERS.DELIVERED_CHANGED_SEQ, at)
			.set(CONVERSATION_MEMBERS.READ_CHANGED_SEQ, at)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversation.value()))
			.and(CONVERSATION_MEMBERS.USER_ID.eq(reader.value()))
			.execute();
	}

	/**
	 * A message with content {@code "content <seq>"} (empty once deleted); in a group its
	 * {@code receiver} is {@code null}.
	 */
	public MessageId message(ConversationId conversation, UserId sender, UserId receiver, long seq, long lastChangeSeq,
			String status, boolean edited, boolean deleted) {
		MessageId id = MessageId.newTimeOrdered();
		OffsetDateTime now = OffsetDateTime.now();
		this.dsl.insertInto(MESSAGES)
			.set(MESSAGES.ID, id.value())
			.set(MESSAGES.CONVERSATION_ID, conversation.value())
			.set(MESSAGES.SEQ, seq)
			.set(MESSAGES.LAST_CHANGE_SEQ, lastChangeSeq)
			.set(MESSAGES.SENDER_ID, sender.value())
			.set(MESSAGES.RECEIVER_ID, (receiver != null) ? receiver.value() : null)
			.set(MESSAGES.CLIENT_MSG_ID, "t-" + UUID.randomUUID())
			.set(MESSAGES.CONTENT, deleted ? "" : "content " + seq)
			.set(MESSAGES.STATUS, status)
			.set(MESSAGES.CREATED_AT, now)
			.set(MESSAGES.UPDATED_AT, now)
			.set(MESSAGES.EDITED_AT, edited ? now : null)
			.set(MESSAGES.DELETED_AT, deleted ? now : null)
			.execute();
		return id;
	}

	/**
	 * One receipt of the reader at seq {@code at}: every message up to {@code upTo} READ,
	 * changed last at {@code at} (a group that shares one {@code lastChangeSeq}), and the
	 * reader's marks moved there.
	 */
	public void readByOneReceipt(ConversationId conversation, UserId reader, long upTo, long at) {
		this.dsl.update(MESSAGES)
			.set(MESSAGES.LAST_CHANGE_SEQ, at)
			.set(MESSAGES.STATUS, "READ")
			.where(MESSAGES.CONVERSATION_ID.eq(conversation.value()))
			.and(MESSAGES.SEQ.le(upTo))
			.execute();
		readUpTo(conversation, reader, upTo, at);
	}

	/**
	 * Messages {@code fromSeq} to {@code toSeq} in one statement, each changed last when
	 * created, with content {@code "content <seq>"}.
	 */
	public void messages(ConversationId conversation, UserId sender, UserId receiver, long fromSeq, long toSeq) {
		this.dsl.execute("insert into messages (id, conversation_id, seq, last_change_seq, sender_id, receiver_id,"
				+ " client_msg_id, content, status, created_at, updated_at) select gen_random_uuid(), ?, s, s, ?, ?,"
				+ " 't-' || gen_random_uuid(), 'content ' || s, 'SENT', now(), now() from generate_series(?, ?) s",
				conversation.value(), sender.value(), (receiver != null) ? receiver.value() : null, fromSeq, toSeq);
	}

	/**
	 * Attaches an upload to a message, as the persistence worker does when a send names
	 * it.
	 */
	public void attach(AttachmentId upload, MessageId message) {
		this.dsl.update(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.STATE, "ATTACHED")
			.set(MESSAGE_ATTACHMENTS.MESSAGE_ID, message.value())
			.set(MESSAGE_ATTACHMENTS.ORDINAL, (short) 0)
			.setNull(MESSAGE_ATTACHMENTS.EXPIRES_AT)
			.where(MESSAGE_ATTACHMENTS.ID.eq(upload.value()))
			.execute();
		this.dsl.update(MESSAGES).set(MESSAGES.HAS_ATTACHMENTS, true).where(MESSAGES.ID.eq(message.value())).execute();
	}

	/**
	 * Orphans an attached upload at {@code at}, as the persistence worker does when its
	 * message is deleted.
	 */
	public void orphan(AttachmentId upload, OffsetDateTime at) {
		this.dsl.update(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.STATE, "ORPHANED")
			.set(MESSAGE_ATTACHMENTS.ORPHANED_AT, at)
			.where(MESSAGE_ATTACHMENTS.ID.eq(upload.value()))
			.execute();
	}

}
