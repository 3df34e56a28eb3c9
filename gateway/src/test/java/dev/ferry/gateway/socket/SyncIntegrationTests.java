package dev.ferry.gateway.socket;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.Browser;
import dev.ferry.gateway.SocketClient;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.CONVERSATION_MEMBERS;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sync} against a database seeded with a known history replays exactly the changes
 * after the client's positions, in seq order, then {@code sync-complete}.
 */
@FerryIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SyncIntegrationTests {

	@LocalServerPort
	private int port;

	private DSLContext dsl;

	private final UserId alice = new UserId(UUID.randomUUID());

	private final UserId bob = new UserId(UUID.randomUUID());

	private final UserId carol = new UserId(UUID.randomUUID());

	private final ConversationId withBob = ConversationId.direct(this.alice, this.bob);

	private final ConversationId withCarol = ConversationId.direct(this.alice, this.carol);

	private final MessageId read1 = MessageId.newTimeOrdered();

	private final MessageId edited2 = MessageId.newTimeOrdered();

	private final MessageId deleted3 = MessageId.newTimeOrdered();

	private final MessageId read4 = MessageId.newTimeOrdered();

	private final MessageId new9 = MessageId.newTimeOrdered();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	/**
	 * Alice and Bob: messages 1-4 from Alice, 2 edited at seq 6, 3 deleted at seq 7, Bob
	 * read up to 4 at seq 8, message 9 after that. Carol sent Alice two messages she has
	 * not read.
	 */
	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		this.dsl = DSL.using(infrastructure.dataSource(), SQLDialect.POSTGRES);
		String hash = new BCryptPasswordEncoder().encode("test123");
		for (UserId user : List.of(this.alice, this.bob, this.carol)) {
			this.dsl.insertInto(USERS)
				.set(USERS.ID, user.value())
				.set(USERS.EMAIL, user + "@maritime.com")
				.set(USERS.NAME, "User " + user)
				.set(USERS.PASSWORD_HASH, hash)
				.set(USERS.ROLE, "OWNER")
				.execute();
		}
		conversation(this.withBob, 9, this.bob, 4, 8);
		conversation(this.withCarol, 2, this.carol, 0, 0);
		message(this.read1, this.withBob, this.alice, this.bob, 1, 8, "READ", false, false);
		message(this.edited2, this.withBob, this.alice, this.bob, 2, 8, "READ", true, false);
		message(this.deleted3, this.withBob, this.alice, this.bob, 3, 7, "SENT", false, true);
		message(this.read4, this.withBob, this.alice, this.bob, 4, 8, "READ", false, false);
		message(this.new9, this.withBob, this.alice, this.bob, 9, 9, "SENT", false, false);
		message(MessageId.newTimeOrdered(), this.withCarol, this.carol, this.alice, 1, 1, "SENT", false, false);
		message(MessageId.newTimeOrdered(), this.withCarol, this.carol, this.alice, 2, 2, "SENT", false, false);
	}

	@Test
	void replaysExactlyTheChangesAfterThePositionInSeqOrderThenCompletes() {
		SocketClient socket = loggedInSocket();

		socket.send("{\"type\":\"sync\",\"positions\":{\"" + this.withBob + "\":5}}");
		await().until(() -> socket.received().size() == 5);

		List<JsonNode> frames = socket.received();
		assertThat(frames).extracting((frame) -> frame.path("type").asString() + "@" + frame.path("seq").asString())
			.containsExactly("message-deleted@7", "message-updated@8", "message-created@9", "message-status-updated@8",
					"sync-complete@");
		assertThat(frames.get(0).path("id").asString()).isEqualTo(this.deleted3.toString());
		assertThat(frames.get(1).path("message").path("id").asString()).isEqualTo(this.edited2.toString());
		assertThat(frames.get(1).path("message").path("content").asString()).isEqualTo("content 2");
		assertThat(frames.get(2).path("message").path("id").asString()).isEqualTo(this.new9.toString());
		assertThat(frames.get(3).path("status").asString()).isEqualTo("READ");
		assertThat(frames.get(3).path("upToSeq").asLong()).isEqualTo(4);
		assertThat(frames.get(4)
			.path("conversations")
			.valueStream()
			.map((conversation) -> conversation.path("id").asString() + " last " + conversation.path("lastSeq").asLong()
					+ " unread " + conversation.path("unread").asLong())
			.toList())
			.containsExactlyInAnyOrder(this.withBob + " last 9 unread 0", this.withCarol + " last 2 unread 2");
	}

	@Test
	void emptyPositionsOnlyListTheConversations() {
		SocketClient socket = loggedInSocket();

		socket.send("{\"type\":\"sync\",\"positions\":{}}");

		JsonNode complete = socket.awaitFrame(0);
		assertThat(complete.path("type").asString()).isEqualTo("sync-complete");
		assertThat(complete.path("conversations")).hasSize(2);
	}

	@Test
	void conversationsOfOthersAreNotReplayed() {
		SocketClient socket = loggedInSocket();
		ConversationId others = ConversationId.direct(this.bob, this.carol);

		socket.send("{\"type\":\"sync\",\"positions\":{\"" + others + "\":0}}");

		assertThat(socket.awaitFrame(0).path("type").asString()).isEqualTo("sync-complete");
	}

	private SocketClient loggedInSocket() {
		Browser browser = new Browser(this.port);
		assertThat(browser.login(this.alice + "@maritime.com", "test123").statusCode()).isEqualTo(200);
		return browser.openSocket(null);
	}

	private void conversation(ConversationId id, long lastSeq, UserId peer, long peerMarks, long peerMarksChangedAt) {
		this.dsl.insertInto(CONVERSATIONS)
			.set(CONVERSATIONS.ID, id.value())
			.set(CONVERSATIONS.KIND, "DIRECT")
			.set(CONVERSATIONS.LAST_SEQ, lastSeq)
			.execute();
		this.dsl.insertInto(CONVERSATION_MEMBERS)
			.set(CONVERSATION_MEMBERS.CONVERSATION_ID, id.value())
			.set(CONVERSATION_MEMBERS.USER_ID, this.alice.value())
			.execute();
		this.dsl.insertInto(CONVERSATION_MEMBERS)
			.set(CONVERSATION_MEMBERS.CONVERSATION_ID, id.value())
			.set(CONVERSATION_MEMBERS.USER_ID, peer.value())
			.set(CONVERSATION_MEMBERS.DELIVERED_UP_TO_SEQ, peerMarks)
			.set(CONVERSATION_MEMBERS.READ_UP_TO_SEQ, peerMarks)
			.set(CONVERSATION_MEMBERS.DELIVERED_CHANGED_SEQ, peerMarksChangedAt)
			.set(CONVERSATION_MEMBERS.READ_CHANGED_SEQ, peerMarksChangedAt)
			.execute();
	}

	private void message(MessageId id, ConversationId conversation, UserId sender, UserId receiver, long seq,
			long lastChangeSeq, String status, boolean edited, boolean deleted) {
		OffsetDateTime now = OffsetDateTime.now();
		this.dsl.insertInto(MESSAGES)
			.set(MESSAGES.ID, id.value())
			.set(MESSAGES.CONVERSATION_ID, conversation.value())
			.set(MESSAGES.SEQ, seq)
			.set(MESSAGES.LAST_CHANGE_SEQ, lastChangeSeq)
			.set(MESSAGES.SENDER_ID, sender.value())
			.set(MESSAGES.RECEIVER_ID, receiver.value())
			.set(MESSAGES.CLIENT_MSG_ID, "t-" + UUID.randomUUID())
			.set(MESSAGES.CONTENT, deleted ? "" : "content " + seq)
			.set(MESSAGES.STATUS, status)
			.set(MESSAGES.CREATED_AT, now)
			.set(MESSAGES.UPDATED_AT, now)
			.set(MESSAGES.EDITED_AT, edited ? now : null)
			.set(MESSAGES.DELETED_AT, deleted ? now : null)
			.execute();
	}

}
