package dev.ferry.persistence.write;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.command.SendMessage;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.ImageSize;
import dev.ferry.contracts.message.MessageAttachment;
import dev.ferry.schema.AttachmentRows;
import dev.ferry.schema.MessageRows;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.MESSAGE_ATTACHMENTS;
import static dev.ferry.schema.jooq.Tables.PROCESSED_COMMANDS;
import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * Everything one poll's commands read, in one statement (one round trip, one snapshot):
 * each kind of row a nested set (jOOQ's {@code multiset}, JSON inside PostgreSQL) of one
 * select.
 */
@Repository
class PollReads {

	private static final String GROUP = "GROUP";

	private final DSLContext dsl;

	PollReads(DSLContext dsl) {
		this.dsl = dsl;
	}

	Read load(List<Envelope<InboundCommand>> commands) {
		RowsToLoad rows = new RowsToLoad(commands);
		List<SendKey> sendKeys = List.copyOf(rows.sendKeys());
		// A union, not one condition with OR, which PostgreSQL can only test row by row.
		Condition sentBefore = among(MESSAGES.SENDER_ID, MESSAGES.CLIENT_MSG_ID,
				sendKeys.stream().map((key) -> key.senderId().value()).toArray(UUID[]::new),
				sendKeys.stream().map(SendKey::tempId).toArray(String[]::new));
		List<Member> acting = List.copyOf(rows.actingMembers());
		Set<ConversationId> everyMember = new HashSet<>(rows.groupConversations());
		everyMember.addAll(rows.reportConversations());
		Condition everyMemberOf = among(CONVERSATION_MEMBERS.CONVERSATION_ID, ids(everyMember, ConversationId::value));
		Condition actors = among(CONVERSATION_MEMBERS.CONVERSATION_ID, CONVERSATION_MEMBERS.USER_ID,
				ids(acting, (member) -> member.conversationId().value()),
				ids(acting, (member) -> member.userId().value()));
		Condition byId = among(MESSAGES.ID, ids(rows.messageIds(), MessageId::value));
		var sequences = DSL.multiset(DSL
			.select(CONVERSATIONS.ID, CONVERSATIONS.LAST_SEQ, CONVERSATIONS.KIND, CONVERSATIONS.TITLE,
					CONVERSATIONS.HISTORY, CONVERSATIONS.CREATED_AT)
			.from(CONVERSATIONS)
			.where(among(CONVERSATIONS.ID, ids(rows.conversationIds(), ConversationId::value))));
		var users = DSL
			.multiset(DSL.select(USERS.ID).from(USERS).where(among(USERS.ID, ids(rows.namedUsers(), UserId::value))));
		var applied = DSL.multiset(DSL.select(PROCESSED_COMMANDS.COMMAND_ID, PROCESSED_COMMANDS.EVENTS)
			.from(PROCESSED_COMMANDS)
			.where(among(PROCESSED_COMMANDS.COMMAND_ID, rows.otherCommandIds().toArray(UUID[]::new))));
		var messages = DSL
			.multiset(DSL.selectFrom(MESSAGES).where(sentBefore).union(DSL.selectFrom(MESSAGES).where(byId)));
		var files = DSL.multiset(AttachmentRows.of(MESSAGE_ATTACHMENTS.MESSAGE_ID.in(DSL.select(MESSAGES.ID)
			.from(MESSAGES)
			.where(sentBefore)
			.union(DSL.select(MESSAGES.ID).from(MESSAGES).where(byId)))));
		// Only a pending upload can be attached: one still being uploaded has no name
		// yet,
		// and a send that names it (only a forged one can) is refused like one naming
		// none.
		var uploads = DSL.multiset(DSL.selectFrom(MESSAGE_ATTACHMENTS)
			.where(among(MESSAGE_ATTACHMENTS.ID, ids(rows.attachmentIds(), AttachmentId::value)))
			.and(MESSAGE_ATTACHMENTS.STATE.eq(Upload.PENDING)));
		// A union, as for the messages: each side a semi-join through the primary key.
		var memberships = DSL.multiset(DSL.selectFrom(CONVERSATION_MEMBERS)
			.where(everyMemberOf)
			.union(DSL.selectFrom(CONVERSATION_MEMBERS).where(actors)));
		Record read = this.dsl.select(sequences, users, applied, messages, files, uploads, memberships).fetchSingle();

		Map<ConversationId, Long> lastSeqs = new HashMap<>();
		Map<ConversationId, StoredGroup> groups = new HashMap<>();
		read.get(sequences).forEach((row) -> {
			ConversationId id = new ConversationId(row.value1());
			lastSeqs.put(id, row.value2());
			if (GROUP.equals(row.value3())) {
				groups.put(id, new StoredGroup(row.value4(), HistoryVisibility.valueOf(row.value5()),
						row.value6().toInstant(), new LinkedHashMap<>()));
			}
		});
		Map<Member, Marks> loadedMarks = new HashMap<>();
		read.get(memberships).forEach((row) -> {
			ConversationId conversation = new ConversationId(row.getConversationId());
			if (rows.reportConversations().contains(conversation)) {
				loadedMarks.put(new Member(conversation, new UserId(row.getUserId())),
						new Marks(row.getDeliveredUpToSeq(), row.getReadUpToSeq(), row.getDeliveredChangedSeq(),
								row.getReadChangedSeq()));
			}
			StoredGroup group = groups.get(conversation);
			if (group != null) {
				group.memberships()
					.put(new UserId(row.getUserId()),
							new Membership(GroupRole.valueOf(row.getRole()), row.getJoinedAtSeq(), row.getLeftAtSeq()));
			}
		});
		Set<UserId> existingUsers = read.get(users)
			.stream()
			.map((row) -> new UserId(row.value1()))
			.collect(Collectors.toSet());
		Map<UUID, List<Envelope<ChatEvent>>> alreadyApplied = new HashMap<>();
		read.get(applied).forEach((row) -> alreadyApplied.put(row.value1(), EnvelopeListJson.read(row.value2())));
		List<ChatMessage> found = AttachmentRows
			.withAttachments(read.get(messages).stream().map(MessageRows::toChatMessage).toList(), read.get(files));
		Map<SendKey, ChatMessage> sent = found.stream()
			.filter((message) -> rows.sendKeys().contains(SendKey.of(message)))
			.collect(Collectors.toMap(SendKey::of, Function.identity()));
		Map<MessageId, ChatMessage> named = found.stream()
			.filter((message) -> rows.messageIds().contains(message.id()))
			.collect(Collectors.toMap(ChatMessage::id, Function.identity()));
		Map<AttachmentId, Upload> loadedUploads = new HashMap<>();
		read.get(uploads).forEach((row) -> {
			AttachmentId id = new AttachmentId(row.getId());
			loadedUploads.put(id,
					new Upload(new UserId(row.getUploaderId()), row.getState(),
							(row.getExpiresAt() != null) ? row.getExpiresAt().toInstant() : null,
							new MessageAttachment(id, row.getFileName(), row.getSizeBytes(), row.getContentType(),
									ImageSize.ofNullable(row.getWidth(), row.getHeight()))));
		});

		// Conversations the batch starts exist from here on for it: the write creates
		// them, with their members, along with everything else.
		Map<ConversationId, Set<UserId>> created = newDirectConversations(rows.sends(), existingUsers,
				lastSeqs.keySet());
		created.forEach((id, members) -> {
			lastSeqs.put(id, 0L);
			members.forEach((member) -> loadedMarks.put(new Member(id, member), Marks.NONE));
		});
		return new Read(new CommandBatch.Loaded(alreadyApplied, existingUsers, sent, named, lastSeqs, loadedMarks,
				loadedUploads, groups), created);
	}

	/** The direct conversations that valid sends between existing users need and lack. */
	private static Map<ConversationId, Set<UserId>> newDirectConversations(List<SendMessage> sends,
			Set<UserId> existingUsers, Set<ConversationId> existing) {
		Map<ConversationId, Set<UserId>> needed = new LinkedHashMap<>();
		for (SendMessage send : sends) {
			if (!existing.contains(send.conversationId()) && existingUsers.contains(send.senderId())
					&& existingUsers.contains(send.receiverId()) && !send.senderId().equals(send.receiverId())
					&& ConversationId.direct(send.senderId(), send.receiverId()).equals(send.conversationId())) {
				needed.put(send.conversationId(), Set.of(send.senderId(), send.receiverId()));
			}
		}
		return needed;
	}

	/**
	 * The rows whose key is one of the values: a semi-join with the values as a table,
	 * never {@code = any(array)}, which PostgreSQL tests row by row against every
	 * element, so that a poll of a thousand commands on a table not yet analysed (planned
	 * as a scan) cost a second.
	 */
	private static Condition among(Field<UUID> key, UUID[] values) {
		return key.in(DSL.select(DSL.field(DSL.name("v", "key"), UUID.class))
			.from(DSL.unnest(DSL.val(values, SQLDataType.UUID.array())).as("v", "key")));
	}

	/**
	 * The rows whose pair of keys is one of the pairs, as {@link #among(Field, UUID[])}.
	 */
	private static <A, B> Condition among(Field<A> first, Field<B> second, A[] firsts, B[] seconds) {
		return DSL.row(first, second)
			.in(DSL
				.select(DSL.field(DSL.name("v", "first"), first.getType()),
						DSL.field(DSL.name("v", "second"), second.getType()))
				.from(DSL.table("unnest({0}, {1}) as v (first, second)", DSL.val(firsts, first.getDataType().array()),
						DSL.val(seconds, second.getDataType().array()))));
	}

	private static <T> UUID[] ids(Collection<T> ids, Function<T, UUID> value) {
		return ids.stream().map(value).toArray(UUID[]::new);
	}

	/**
	 * What a poll read.
	 *
	 * @param loaded the rows, as the batch applies its commands to them
	 * @param newConversations the direct conversations the batch's sends start, with
	 * their members: the write creates them
	 */
	record Read(CommandBatch.Loaded loaded, Map<ConversationId, Set<UserId>> newConversations) {
	}

}
