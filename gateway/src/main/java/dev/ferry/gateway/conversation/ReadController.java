package dev.ferry.gateway.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.frame.ConversationPosition;
import dev.ferry.contracts.group.ReceiptCounts;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.presence.PresenceView;
import dev.ferry.gateway.conversation.ChatReads.ChangePage;
import dev.ferry.gateway.conversation.ChatReads.GroupCut;
import dev.ferry.gateway.conversation.ChatReads.Person;
import dev.ferry.gateway.conversation.ChatReads.ReaderMarks;
import dev.ferry.gateway.system.PageSize;
import dev.ferry.gateway.system.Refusal;
import dev.ferry.gateway.system.UserRateLimiter;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's REST reads, served from PostgreSQL: people, conversations, history and
 * resume.
 */
@RestController
@Refusal(status = HttpStatus.TOO_MANY_REQUESTS, codes = ErrorCode.RATE_LIMITED)
class ReadController {

	private static final int DEFAULT_LIMIT = 50;

	private static final int MAX_LIMIT = 200;

	private static final int DEFAULT_PEOPLE = 200;

	private static final int MAX_PEOPLE = 500;

	private final ChatReads reads;

	private final PresenceView presence;

	private final UserRateLimiter rateLimiter;

	private final TransactionTemplate snapshot;

	ReadController(ChatReads reads, PresenceView presence, UserRateLimiter rateLimiter,
			PlatformTransactionManager transactions) {
		this.reads = reads;
		this.presence = presence;
		this.rateLimiter = rateLimiter;
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	@GetMapping("/users")
	@Refusal(status = HttpStatus.BAD_REQUEST, codes = ErrorCode.INVALID_FIELD)
	List<Contact> users(@AuthenticationPrincipal FerryUser caller, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer limit) {
		this.rateLimiter.acquire(new UserId(caller.id()));
		return this.reads.peopleFor(new UserId(caller.id()), q, PageSize.of(limit, DEFAULT_PEOPLE, MAX_PEOPLE))
			.stream()
			.map(this::contact)
			.toList();
	}

	@GetMapping("/conversations")
	List<ConversationSummary> conversations(@AuthenticationPrincipal FerryUser caller) {
		UserId user = new UserId(caller.id());
		this.rateLimiter.acquire(user);
		return this.snapshot.execute((transaction) -> conversationsOf(user));
	}

	/**
	 * Several queries, read as one snapshot: a message committed between them would
	 * otherwise show as the last message of a conversation whose {@code lastSeq} is one
	 * below it.
	 */
	private List<ConversationSummary> conversationsOf(UserId user) {
		List<ConversationPosition> positions = this.reads.conversationsOf(user);
		List<ConversationId> ids = positions.stream().map(ConversationPosition::id).toList();
		Map<ConversationId, UserId> peers = this.reads.peers(user, ids);
		Map<ConversationId, String> titles = this.reads.groupTitles(user, ids);
		Map<ConversationId, ChatMessage> lastMessages = this.reads.lastMessages(user, ids);
		return positions.stream()
			.map((position) -> new ConversationSummary(position.id(),
					titles.containsKey(position.id()) ? "GROUP" : "DIRECT",
					(peers.get(position.id()) != null)
							? this.reads.person(peers.get(position.id())).map(this::contact).orElse(null) : null,
					titles.get(position.id()), position.lastSeq(), position.unread(), lastMessages.get(position.id())))
			.toList();
	}

	@GetMapping("/messages")
	@Refusal(status = HttpStatus.BAD_REQUEST, codes = { ErrorCode.INVALID_FIELD, ErrorCode.UNKNOWN_RECEIVER })
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	MessagesPage messages(@AuthenticationPrincipal FerryUser caller, @RequestParam(required = false) String with,
			@RequestParam(required = false) String conversationId, @RequestParam(required = false) Long beforeSeq,
			@RequestParam(required = false) Long afterSeq, @RequestParam(required = false) String afterId,
			@RequestParam(required = false) Integer limit) {
		UserId user = new UserId(caller.id());
		this.rateLimiter.acquire(user);
		if ((with == null) == (conversationId == null)) {
			throw invalid("with or conversationId is required, not both");
		}
		UserId peer;
		ConversationId conversation;
		Visibility visibility;
		if (with != null) {
			peer = peer(user, with);
			conversation = ConversationId.direct(user, peer);
			visibility = new Visibility(false, 0, Long.MAX_VALUE);
		}
		else {
			conversation = conversationId(conversationId);
			visibility = this.reads.visibility(conversation, user)
				.orElseThrow(
						() -> new ChatException(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, "No such conversation"));
			peer = visibility.group() ? null : this.reads.peers(user, List.of(conversation)).get(conversation);
		}
		if (beforeSeq != null && afterSeq != null) {
			throw invalid("beforeSeq and afterSeq do not go together");
		}
		if (afterSeq != null) {
			requireNotNegative(afterSeq, "afterSeq");
			int size = PageSize.of(limit, MAX_LIMIT, MAX_LIMIT);
			return this.snapshot.execute((transaction) -> changesAfter(conversation, visibility, peer, afterSeq,
					(afterId != null) ? cutAfter(conversation, afterSeq, afterId) : null, size));
		}
		if (afterId != null) {
			throw invalid("afterId goes with afterSeq");
		}
		int size = PageSize.of(limit, DEFAULT_LIMIT, MAX_LIMIT);
		long before = (beforeSeq != null) ? requireNotNegative(beforeSeq, "beforeSeq") : Long.MAX_VALUE;
		List<ChatMessage> page = this.reads.history(conversation, visibility, before, size + 1);
		List<ChatMessage> messages = page.subList(0, Math.min(size, page.size()));
		return new HistoryPage(conversation, messages, page.size() > size,
				receipts(conversation, visibility, messages));
	}

	/**
	 * The changes after a position, the conversation's last seq and the peer's marks,
	 * read as one snapshot: a change committed between the reads would otherwise be on
	 * the page but above its {@code lastSeq}. A page cut inside a group that shares one
	 * {@code lastChangeSeq} gives the seq before that group as the new position, and the
	 * last message returned as where the group goes on.
	 */
	private ChangesPage changesAfter(ConversationId conversation, Visibility visibility, UserId peer, long afterSeq,
			GroupCut cut, int size) {
		long lastSeq = Math.min(this.reads.lastSeq(conversation), visibility.upToSeq());
		ChangePage page = (cut != null) ? this.reads.changesAfter(conversation, visibility, cut.changeSeq(), cut, size)
				: this.reads.changesAfter(conversation, visibility, afterSeq, null, size);
		long position = lastSeq;
		if (page.cut() != null) {
			position = page.cut().changeSeq() - 1;
		}
		else if (page.hasMore()) {
			position = page.messages().get(page.messages().size() - 1).lastChangeSeq();
		}
		return new ChangesPage(conversation, page.messages(), page.hasMore(), position,
				(page.cut() != null) ? page.cut().messageId() : null,
				(peer != null) ? marksOf(conversation, peer) : null,
				receipts(conversation, visibility, page.messages()));
	}

	/**
	 * How far each message of a group's page got, for a member; nothing in a direct
	 * conversation, whose messages carry their status, nor for a former member, since the
	 * counts moved after they left.
	 */
	private Map<MessageId, ReceiptCounts> receipts(ConversationId conversation, Visibility visibility,
			List<ChatMessage> messages) {
		return (visibility.group() && visibility.current()) ? this.reads.receiptCounts(conversation, messages) : null;
	}

	/**
	 * Where a page that ended inside a group goes on: the group is the one at
	 * {@code afterSeq + 1}, the position that page gave.
	 */
	private GroupCut cutAfter(ConversationId conversation, long afterSeq, String afterId) {
		MessageId message;
		try {
			message = new MessageId(UUID.fromString(afterId));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("afterId must be a message id");
		}
		GroupCut at = this.reads.cutAfter(conversation, message)
			.orElseThrow(() -> invalid("afterId must be a message of this conversation"));
		return new GroupCut(afterSeq + 1, at.messageSeq(), message);
	}

	private PeerMarks marksOf(ConversationId conversation, UserId peer) {
		ReaderMarks marks = this.reads.marks(conversation)
			.stream()
			.filter((reader) -> reader.reader().equals(peer))
			.findFirst()
			.orElse(new ReaderMarks(peer, 0, 0, 0, 0));
		return new PeerMarks(marks.deliveredUpToSeq(), marks.readUpToSeq());
	}

	private UserId peer(UserId user, String with) {
		UserId peer;
		try {
			peer = new UserId(UUID.fromString(String.valueOf(with)));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("with must be a user id");
		}
		if (peer.equals(user) || this.reads.person(peer).isEmpty()) {
			throw new ChatException(ErrorCode.UNKNOWN_RECEIVER, HttpStatus.BAD_REQUEST, "No such user to chat with");
		}
		return peer;
	}

	private static ConversationId conversationId(String value) {
		try {
			return new ConversationId(UUID.fromString(value));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("conversationId must be a conversation id");
		}
	}

	private static long requireNotNegative(long value, String field) {
		if (value < 0) {
			throw invalid(field + " must not be negative");
		}
		return value;
	}

	private static ChatException invalid(String message) {
		return new ChatException(ErrorCode.INVALID_FIELD, HttpStatus.BAD_REQUEST, message);
	}

	private Contact contact(Person person) {
		boolean online = this.presence.isOnline(person.id());
		Instant seen = this.presence.lastSeenAt(person.id());
		return new Contact(person.id(), person.email(), person.name(), person.role(), online,
				(seen != null) ? seen : person.lastSeenAt());
	}

	/**
	 * Someone the caller can chat with.
	 *
	 * @param id the user id
	 * @param email the email
	 * @param name the display name
	 * @param role the role
	 * @param online whether a socket of theirs is open on any live gateway
	 * @param lastSeenAt when they were last seen, or {@code null}
	 */
	record Contact(UserId id, String email, String name, String role, boolean online, Instant lastSeenAt) {
	}

	/**
	 * One of the caller's conversations.
	 *
	 * @param id the conversation
	 * @param kind {@code DIRECT} or {@code GROUP}
	 * @param peer the other member of a direct conversation; {@code null} for a group
	 * @param title a group's title; {@code null} for a direct conversation
	 * @param lastSeq its latest seq (for a group the caller left, that of their leaving)
	 * @param unread the others' messages the caller has not read
	 * @param lastMessage its latest message the caller reads, or {@code null}
	 */
	record ConversationSummary(ConversationId id, String kind, Contact peer, String title, long lastSeq, long unread,
			ChatMessage lastMessage) {
	}

	/** A page of {@code GET /messages}. */
	sealed interface MessagesPage permits HistoryPage, ChangesPage {

	}

	/**
	 * A page of {@code GET /messages} with {@code beforeSeq}, or neither: older history.
	 *
	 * @param conversationId the conversation
	 * @param messages the page, newest first
	 * @param hasMore whether older messages follow
	 * @param receipts in a group, how far each message got, by message id; {@code null}
	 * in a direct conversation, whose messages carry their status
	 */
	record HistoryPage(ConversationId conversationId, List<ChatMessage> messages, boolean hasMore,
			Map<MessageId, ReceiptCounts> receipts) implements MessagesPage {
	}

	/**
	 * A page of {@code GET /messages} with {@code afterSeq}: the changes after a seq.
	 *
	 * @param conversationId the conversation
	 * @param messages the page, in the order of their changes
	 * @param hasMore whether another page follows
	 * @param lastSeq the seq to ask from next: everything up to it has been returned
	 * @param afterId when the page ended inside a group of messages that share one
	 * {@code lastChangeSeq} (the group at {@code lastSeq + 1}), the last message
	 * returned, to ask from next with {@code lastSeq}; else {@code null}
	 * @param marks how far the peer received and read; {@code null} in a group
	 * @param receipts in a group, how far each message got, by message id; {@code null}
	 * in a direct conversation
	 */
	record ChangesPage(ConversationId conversationId, List<ChatMessage> messages, boolean hasMore, long lastSeq,
			MessageId afterId, PeerMarks marks, Map<MessageId, ReceiptCounts> receipts) implements MessagesPage {
	}

	/**
	 * How far the peer received and read the conversation.
	 *
	 * @param deliveredUpToSeq the highest seq the peer received
	 * @param readUpToSeq the highest seq the peer read
	 */
	record PeerMarks(long deliveredUpToSeq, long readUpToSeq) {
	}

}
