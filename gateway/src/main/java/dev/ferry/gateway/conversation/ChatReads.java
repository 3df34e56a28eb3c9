package dev.ferry.gateway.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.frame.ConversationPosition;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.group.MemberMarks;
import dev.ferry.contracts.group.ReceiptCounts;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.schema.AttachmentRows;
import dev.ferry.schema.GroupChangeRows;
import dev.ferry.schema.MessageRows;
import dev.ferry.schema.ReadableMessages;
import dev.ferry.schema.jooq.tables.ConversationMembers;
import dev.ferry.gateway.system.UserSearch;
import dev.ferry.schema.jooq.tables.records.UsersRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;
import static dev.ferry.schema.jooq.Tables.GROUP_CHANGES;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * Every read the gateway serves from PostgreSQL: history, changes after a position,
 * receipt marks, a user's conversations, and the people one can chat with.
 */
@Repository
class ChatReads {

	/** The most unread messages a conversation's count reaches. */
	static final int MAX_UNREAD = 1000;

	/** The other members of the caller's conversations. */
	private static final ConversationMembers PEERS = CONVERSATION_MEMBERS.as("peers");

	private final DSLContext dsl;

	ChatReads(DSLContext dsl) {
		this.dsl = dsl;
	}

	/**
	 * What the user reads of the conversation, or nothing if they are not in it and never
	 * were.
	 */
	public Optional<Visibility> visibility(ConversationId conversation, UserId user) {
		return Optional.ofNullable(
				visibilities(user, CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversation.value())).get(conversation));
	}

	/**
	 * What the user reads of the conversation, if the message of it is among what they
	 * read.
	 */
	public Optional<Visibility> readerOf(ConversationId conversation, MessageId message, UserId user) {
		return this.dsl
			.select(CONVERSATIONS.KIND, CONVERSATIONS.HISTORY, CONVERSATION_MEMBERS.JOINED_AT_SEQ,
					CONVERSATION_MEMBERS.LEFT_AT_SEQ)
			.from(MESSAGES)
			.join(CONVERSATION_MEMBERS)
			.on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(MESSAGES.CONVERSATION_ID))
			.join(CONVERSATIONS)
			.on(CONVERSATIONS.ID.eq(MESSAGES.CONVERSATION_ID))
			.where(MESSAGES.ID.eq(message.value()))
			.and(MESSAGES.CONVERSATION_ID.eq(conversation.value()))
			.and(CONVERSATION_MEMBERS.USER_ID.eq(user.value()))
			.and(ReadableMessages.readByMember(CONVERSATION_MEMBERS, CONVERSATIONS))
			.fetchOptional((row) -> Visibility.of(row.value1(), row.value2(), row.value3(), row.value4()));
	}

	/** The user's role in the group, if they are in it now. */
	public Optional<GroupRole> roleIn(ConversationId group, UserId user) {
		return this.dsl.select(CONVERSATION_MEMBERS.ROLE)
			.from(CONVERSATION_MEMBERS)
			.join(CONVERSATIONS)
			.on(CONVERSATIONS.ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID))
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(group.value()))
			.and(CONVERSATION_MEMBERS.USER_ID.eq(user.value()))
			.and(CONVERSATION_MEMBERS.LEFT_AT_SEQ.isNull())
			.and(CONVERSATIONS.KIND.eq("GROUP"))
			.fetchOptional((row) -> GroupRole.valueOf(row.value1()));
	}

	/** What the user reads of each conversation they are or were in. */
	public Map<ConversationId, Visibility> visibilityOf(UserId user) {
		return visibilities(user, DSL.noCondition());
	}

	private Map<ConversationId, Visibility> visibilities(UserId user, Condition conversations) {
		Map<ConversationId, Visibility> visible = new HashMap<>();
		this.dsl
			.select(CONVERSATIONS.ID, CONVERSATIONS.KIND, CONVERSATIONS.HISTORY, CONVERSATION_MEMBERS.JOINED_AT_SEQ,
					CONVERSATION_MEMBERS.LEFT_AT_SEQ)
			.from(CONVERSATION_MEMBERS)
			.join(CONVERSATIONS)
			.on(CONVERSATIONS.ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID))
			.where(CONVERSATION_MEMBERS.USER_ID.eq(user.value()))
			.and(conversations)
			.fetch()
			.forEach((row) -> visible.put(new ConversationId(row.value1()),
					Visibility.of(row.value2(), row.value3(), row.value4(), row.value5())));
		return visible;
	}

	/**
	 * A page of the messages whose latest change came after {@code position} (and the
	 * rest of a group a page cut, if {@code cut} names one), in the order of their
	 * changes: every kind of change, receipts included.
	 */
	public ChangePage changesAfter(ConversationId conversation, Visibility visibility, long position, GroupCut cut,
			int limit) {
		return page(changedAfter(conversation, position, cut).and(visible(visibility)), limit);
	}

	/**
	 * A page of the messages a resume replays after {@code position} (and the rest of a
	 * group a part cut): those created after {@code start} (where the resume began, at or
	 * below the position), or edited or deleted. A message only a receipt changed is left
	 * to the receipt frames, so every message of the page is one frame.
	 */
	public ChangePage replayableChangesAfter(ConversationId conversation, Visibility visibility, long position,
			long start, GroupCut cut, int limit) {
		return page(
				changedAfter(conversation, position, cut).and(visible(visibility))
					.and(MESSAGES.SEQ.gt(start).or(MESSAGES.DELETED_AT.isNotNull()).or(MESSAGES.EDITED_AT.isNotNull())),
				limit);
	}

	/** The messages a member reads of one conversation. */
	private static Condition visible(Visibility visibility) {
		return ReadableMessages.readBetween(visibility.afterSeq(), visibility.upToSeq());
	}

	/** Where a message of the conversation sits in the group its latest change made. */
	public Optional<GroupCut> cutAfter(ConversationId conversation, MessageId message) {
		return this.dsl.select(MESSAGES.LAST_CHANGE_SEQ, MESSAGES.SEQ)
			.from(MESSAGES)
			.where(MESSAGES.CONVERSATION_ID.eq(conversation.value()))
			.and(MESSAGES.ID.eq(message.value()))
			.fetchOptional((row) -> new GroupCut(row.value1(), row.value2(), message));
	}

	private static Condition changedAfter(ConversationId conversation, long position, GroupCut cut) {
		Condition after = MESSAGES.LAST_CHANGE_SEQ.gt(position);
		if (cut != null) {
			after = after.or(MESSAGES.LAST_CHANGE_SEQ.eq(cut.changeSeq()).and(MESSAGES.SEQ.gt(cut.messageSeq())));
		}
		return MESSAGES.CONVERSATION_ID.eq(conversation.value()).and(after);
	}

	/**
	 * Up to {@code limit} changed messages. A page may end inside a group that shares one
	 * {@code lastChangeSeq} (one receipt may cover thousands of messages); it then says
	 * where, so that the next page goes on with the rest of that group.
	 */
	private ChangePage page(Condition changed, int limit) {
		List<ChatMessage> rows = AttachmentRows.withAttachments(this.dsl,
				this.dsl.selectFrom(MESSAGES)
					.where(changed)
					.orderBy(MESSAGES.LAST_CHANGE_SEQ, MESSAGES.SEQ)
					.limit(limit + 1)
					.fetch(MessageRows::toChatMessage));
		if (rows.size() <= limit) {
			return new ChangePage(rows, false, null);
		}
		ChatMessage last = rows.get(limit - 1);
		GroupCut cut = (rows.get(limit).lastChangeSeq() == last.lastChangeSeq())
				? new GroupCut(last.lastChangeSeq(), last.seq(), last.id()) : null;
		return new ChangePage(List.copyOf(rows.subList(0, limit)), true, cut);
	}

	/** Every member's receipt marks in a conversation. */
	public List<ReaderMarks> marks(ConversationId conversation) {
		return this.dsl.selectFrom(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(conversation.value()))
			.orderBy(CONVERSATION_MEMBERS.USER_ID)
			.fetch((row) -> new ReaderMarks(new UserId(row.getUserId()), row.getDeliveredUpToSeq(),
					row.getReadUpToSeq(), row.getDeliveredChangedSeq(), row.getReadChangedSeq()));
	}

	/**
	 * Every conversation the user is or was in: its last seq (for a group they left, that
	 * of their leaving), and how many of the others' messages (not deleted, that they
	 * read) are above the user's read mark, counted up to {@value #MAX_UNREAD}: each
	 * count reads at most that many rows, however long the history.
	 */
	public List<ConversationPosition> conversationsOf(UserId user) {
		var unread = DSL.selectCount()
			.from(DSL.selectOne()
				.from(MESSAGES)
				.where(MESSAGES.CONVERSATION_ID.eq(CONVERSATIONS.ID))
				.and(MESSAGES.SEQ.gt(CONVERSATION_MEMBERS.READ_UP_TO_SEQ))
				.and(MESSAGES.SENDER_ID.ne(user.value()))
				.and(MESSAGES.DELETED_AT.isNull())
				.and(ReadableMessages.readByMember(CONVERSATION_MEMBERS, CONVERSATIONS))
				.limit(DSL.inline(MAX_UNREAD))
				.asTable("unread_messages"))
			.asField("unread");
		var lastSeq = DSL.least(CONVERSATIONS.LAST_SEQ,
				DSL.coalesce(CONVERSATION_MEMBERS.LEFT_AT_SEQ, CONVERSATIONS.LAST_SEQ));
		return this.dsl.select(CONVERSATIONS.ID, lastSeq, unread)
			.from(CONVERSATIONS)
			.join(CONVERSATION_MEMBERS)
			.on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(CONVERSATIONS.ID))
			.where(CONVERSATION_MEMBERS.USER_ID.eq(user.value()))
			.orderBy(CONVERSATIONS.LAST_ACTIVITY_AT.desc())
			.fetch((row) -> new ConversationPosition(new ConversationId(row.value1()), row.value2(),
					((Number) row.value3()).longValue(), false));
	}

	/**
	 * Messages of a conversation below {@code beforeSeq} that the member reads, newest
	 * first.
	 */
	public List<ChatMessage> history(ConversationId conversation, Visibility visibility, long beforeSeq, int limit) {
		return AttachmentRows.withAttachments(this.dsl,
				this.dsl.selectFrom(MESSAGES)
					.where(MESSAGES.CONVERSATION_ID.eq(conversation.value()))
					.and(MESSAGES.SEQ.lt(beforeSeq))
					.and(visible(visibility))
					.orderBy(MESSAGES.SEQ.desc())
					.limit(limit)
					.fetch(MessageRows::toChatMessage));
	}

	/** The message created at {@code seq} in a conversation, if there is one. */
	public Optional<MessageId> messageAt(ConversationId conversation, long seq) {
		return this.dsl.select(MESSAGES.ID)
			.from(MESSAGES)
			.where(MESSAGES.CONVERSATION_ID.eq(conversation.value()))
			.and(MESSAGES.SEQ.eq(seq))
			.fetchOptional(MESSAGES.ID)
			.map(MessageId::new);
	}

	/** A conversation's last seq; 0 if it has none yet. */
	public long lastSeq(ConversationId conversation) {
		return this.dsl.select(CONVERSATIONS.LAST_SEQ)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(conversation.value()))
			.fetchOptional(CONVERSATIONS.LAST_SEQ)
			.orElse(0L);
	}

	/** The latest message the user reads of each conversation that has one. */
	public Map<ConversationId, ChatMessage> lastMessages(UserId user, Collection<ConversationId> conversations) {
		Map<ConversationId, ChatMessage> last = new HashMap<>();
		if (conversations.isEmpty()) {
			return last;
		}
		AttachmentRows
			.withAttachments(this.dsl,
					this.dsl.selectDistinct(MESSAGES.fields())
						.on(MESSAGES.CONVERSATION_ID)
						.from(MESSAGES)
						.join(CONVERSATION_MEMBERS)
						.on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(MESSAGES.CONVERSATION_ID)
							.and(CONVERSATION_MEMBERS.USER_ID.eq(user.value())))
						.join(CONVERSATIONS)
						.on(CONVERSATIONS.ID.eq(MESSAGES.CONVERSATION_ID))
						.where(MESSAGES.CONVERSATION_ID.in(conversations.stream().map(ConversationId::value).toList()))
						.and(ReadableMessages.readByMember(CONVERSATION_MEMBERS, CONVERSATIONS))
						.orderBy(MESSAGES.CONVERSATION_ID, MESSAGES.SEQ.desc())
						.fetchInto(MESSAGES)
						.map(MessageRows::toChatMessage))
			.forEach((message) -> last.put(message.conversationId(), message));
		return last;
	}

	/**
	 * A group with a page of its members now, in the order they joined, after
	 * {@code after} (from the first if {@code null}); nothing if it is not a group.
	 */
	Optional<GroupController.GroupDetails> group(ConversationId id, GroupController.MemberPosition after, int limit) {
		Condition inGroup = CONVERSATION_MEMBERS.CONVERSATION_ID.eq(id.value())
			.and(CONVERSATION_MEMBERS.LEFT_AT_SEQ.isNull());
		return this.dsl
			.select(CONVERSATIONS.TITLE, CONVERSATIONS.HISTORY, CONVERSATIONS.LAST_SEQ,
					DSL.field(DSL.selectCount().from(CONVERSATION_MEMBERS).where(inGroup)))
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(id.value()))
			.and(CONVERSATIONS.KIND.eq("GROUP"))
			.fetchOptional((group) -> {
				List<GroupController.Member> members = this.dsl
					.select(CONVERSATION_MEMBERS.USER_ID, USERS.NAME, USERS.EMAIL, CONVERSATION_MEMBERS.ROLE,
							CONVERSATION_MEMBERS.JOINED_AT_SEQ)
					.from(CONVERSATION_MEMBERS)
					.join(USERS)
					.on(USERS.ID.eq(CONVERSATION_MEMBERS.USER_ID))
					.where(inGroup)
					.and((after != null) ? DSL.row(CONVERSATION_MEMBERS.JOINED_AT_SEQ, CONVERSATION_MEMBERS.USER_ID)
						.gt(after.joinedAtSeq(), after.userId().value()) : DSL.noCondition())
					.orderBy(CONVERSATION_MEMBERS.JOINED_AT_SEQ, CONVERSATION_MEMBERS.USER_ID)
					.limit(limit + 1)
					.fetch((member) -> new GroupController.Member(new UserId(member.value1()), member.value2(),
							member.value3(), GroupRole.valueOf(member.value4()), member.value5()));
				List<GroupController.Member> page = members.subList(0, Math.min(limit, members.size()));
				GroupController.Member last = page.isEmpty() ? null : page.get(page.size() - 1);
				String next = (members.size() > limit)
						? new GroupController.MemberPosition(last.joinedAtSeq(), last.userId()).cursor() : null;
				return new GroupController.GroupDetails(id, group.value1(), HistoryVisibility.valueOf(group.value2()),
						group.value3(), group.value4(), List.copyOf(page), next);
			});
	}

	/**
	 * How far each of these messages of a group got: how many of the members who read it
	 * (in the group now, its sender excluded) received and read it, by their marks. One
	 * read of the members' marks, whatever the number of messages.
	 */
	public Map<MessageId, ReceiptCounts> receiptCounts(ConversationId group, Collection<ChatMessage> messages) {
		Map<MessageId, ReceiptCounts> counts = new HashMap<>();
		if (messages.isEmpty()) {
			return counts;
		}
		HistoryVisibility history = this.dsl.select(CONVERSATIONS.HISTORY)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(group.value()))
			.fetchOptional((row) -> HistoryVisibility.valueOf(row.value1()))
			.orElse(HistoryVisibility.SINCE_JOIN);
		List<MemberMarks> members = this.dsl
			.select(CONVERSATION_MEMBERS.USER_ID, CONVERSATION_MEMBERS.JOINED_AT_SEQ,
					CONVERSATION_MEMBERS.DELIVERED_UP_TO_SEQ, CONVERSATION_MEMBERS.READ_UP_TO_SEQ)
			.from(CONVERSATION_MEMBERS)
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(group.value()))
			.and(CONVERSATION_MEMBERS.LEFT_AT_SEQ.isNull())
			.fetch((row) -> new MemberMarks(new UserId(row.value1()), row.value2(), row.value3(), row.value4()));
		messages.forEach((message) -> counts.put(message.id(),
				ReceiptCounts.of(message.seq(), message.senderId(), history, members)));
		return counts;
	}

	/**
	 * The latest change of a group after {@code afterSeq} and up to {@code upToSeq}, as
	 * it was announced: the group as the member's time in it left it.
	 */
	public Optional<GroupChanged> latestGroupChange(ConversationId group, long afterSeq, long upToSeq) {
		return this.dsl.select(GROUP_CHANGES.EVENT)
			.from(GROUP_CHANGES)
			.where(GROUP_CHANGES.CONVERSATION_ID.eq(group.value()))
			.and(GROUP_CHANGES.SEQ.gt(afterSeq))
			.and(GROUP_CHANGES.SEQ.le(upToSeq))
			.orderBy(GROUP_CHANGES.SEQ.desc())
			.limit(1)
			.fetchOptional((row) -> GroupChangeRows.change(row.value1()));
	}

	/**
	 * The title of each of these conversations that is a group, as the user knows it: the
	 * title now, or for a group they left, its title when they left.
	 */
	public Map<ConversationId, String> groupTitles(UserId user, Collection<ConversationId> conversations) {
		Map<ConversationId, String> titles = new HashMap<>();
		List<UUID> ids = conversations.stream().map(ConversationId::value).toList();
		this.dsl.select(CONVERSATIONS.ID, CONVERSATIONS.TITLE)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.in(ids))
			.and(CONVERSATIONS.KIND.eq("GROUP"))
			.fetch()
			.forEach((row) -> titles.put(new ConversationId(row.value1()), row.value2()));
		this.dsl.selectDistinct(GROUP_CHANGES.CONVERSATION_ID, GROUP_CHANGES.EVENT)
			.on(GROUP_CHANGES.CONVERSATION_ID)
			.from(GROUP_CHANGES)
			.join(CONVERSATION_MEMBERS)
			.on(CONVERSATION_MEMBERS.CONVERSATION_ID.eq(GROUP_CHANGES.CONVERSATION_ID)
				.and(CONVERSATION_MEMBERS.USER_ID.eq(user.value())))
			.where(GROUP_CHANGES.CONVERSATION_ID.in(ids))
			.and(GROUP_CHANGES.SEQ.le(CONVERSATION_MEMBERS.LEFT_AT_SEQ))
			.orderBy(GROUP_CHANGES.CONVERSATION_ID, GROUP_CHANGES.SEQ.desc())
			.fetch()
			.forEach((row) -> titles.put(new ConversationId(row.value1()),
					GroupChangeRows.change(row.value2()).group().title()));
		return titles;
	}

	/** The other member of each of these direct conversations of the user. */
	public Map<ConversationId, UserId> peers(UserId user, Collection<ConversationId> conversations) {
		Map<ConversationId, UserId> peers = new HashMap<>();
		if (conversations.isEmpty()) {
			return peers;
		}
		this.dsl.select(CONVERSATION_MEMBERS.CONVERSATION_ID, CONVERSATION_MEMBERS.USER_ID)
			.from(CONVERSATION_MEMBERS)
			.join(CONVERSATIONS)
			.on(CONVERSATIONS.ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID))
			.where(CONVERSATION_MEMBERS.CONVERSATION_ID.in(conversations.stream().map(ConversationId::value).toList()))
			.and(CONVERSATIONS.KIND.eq("DIRECT"))
			.and(CONVERSATION_MEMBERS.USER_ID.ne(user.value()))
			.fetch()
			.forEach((row) -> peers.put(new ConversationId(row.value1()), new UserId(row.value2())));
		return peers;
	}

	/**
	 * The people {@code caller} can chat with: not themself, not disabled, and, if
	 * {@code query} is given, whose name or email contains it ignoring case. Those the
	 * caller shares a conversation with come first, the most recently active first; then
	 * the rest by name.
	 */
	public List<Person> peopleFor(UserId caller, String query, int limit) {
		Condition matches = UserSearch.matching(query);
		// Two small reads instead of one sort of every user: the partners, then the first
		// others by name through users_name_email_ix.
		List<Person> people = new ArrayList<>(this.dsl.select(USERS.fields())
			.from(CONVERSATION_MEMBERS)
			.join(PEERS)
			.on(PEERS.CONVERSATION_ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID).and(PEERS.USER_ID.ne(caller.value())))
			.join(CONVERSATIONS)
			.on(CONVERSATIONS.ID.eq(CONVERSATION_MEMBERS.CONVERSATION_ID))
			.join(USERS)
			.on(USERS.ID.eq(PEERS.USER_ID))
			.where(CONVERSATION_MEMBERS.USER_ID.eq(caller.value()))
			.and(USERS.DISABLED.isFalse())
			.and(matches)
			.groupBy(USERS.ID)
			.orderBy(DSL.max(CONVERSATIONS.LAST_ACTIVITY_AT).desc(), USERS.ID)
			.limit(limit)
			.fetch((row) -> person(row.into(USERS))));
		int others = limit - people.size();
		if (others > 0) {
			UUID[] listed = Stream.concat(Stream.of(caller), people.stream().map(Person::id))
				.map(UserId::value)
				.toArray(UUID[]::new);
			people.addAll(this.dsl.selectFrom(USERS)
				.where(USERS.ID.ne(DSL.all(listed)))
				.and(USERS.DISABLED.isFalse())
				.and(matches)
				.orderBy(USERS.NAME, USERS.EMAIL)
				.limit(others)
				.fetch(ChatReads::person));
		}
		return people;
	}

	public Optional<Person> person(UserId id) {
		return this.dsl.selectFrom(USERS).where(USERS.ID.eq(id.value())).fetchOptional(ChatReads::person);
	}

	private static Person person(UsersRecord row) {
		return new Person(new UserId(row.getId()), row.getEmail(), row.getName(), row.getRole(),
				(row.getLastSeenAt() != null) ? row.getLastSeenAt().toInstant() : null);
	}

	/**
	 * Changed messages in the order of their changes.
	 *
	 * @param messages the page
	 * @param hasMore whether changes after the page's last one exist
	 * @param cut where the page ended inside a group of messages that share one
	 * {@code lastChangeSeq}, or {@code null} if it did not
	 */
	public record ChangePage(List<ChatMessage> messages, boolean hasMore, GroupCut cut) {
	}

	/**
	 * A place inside a group of messages that one change (a receipt) gave the same
	 * {@code lastChangeSeq}: the group's messages up to one of them are received, the
	 * rest come next.
	 *
	 * @param changeSeq the group's {@code lastChangeSeq}
	 * @param messageSeq the {@code seq} of the last message received
	 * @param messageId that message
	 */
	public record GroupCut(long changeSeq, long messageSeq, MessageId messageId) {
	}

	/**
	 * A user as stored.
	 *
	 * @param id the user id
	 * @param email the email
	 * @param name the display name
	 * @param role the role
	 * @param lastSeenAt when last seen, as stored, or {@code null}
	 */
	public record Person(UserId id, String email, String name, String role, Instant lastSeenAt) {
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
	public record ReaderMarks(UserId reader, long deliveredUpToSeq, long readUpToSeq, long deliveredChangedSeq,
			long readChangedSeq) {
	}

}
