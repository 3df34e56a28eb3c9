package dev.ferry.gateway.conversation;

import java.time.OffsetDateTime;
import java.util.List;

import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.client.SocketClient;
import dev.ferry.infra.test.FerryInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sync} against a database seeded with a known history replays exactly the changes
 * after the client's positions, in seq order, then {@code sync-complete}.
 */
class SyncIntegrationTests extends GatewayIntegrationTest {

	private UserId alice;

	private ConversationId withBob;

	private ConversationId withCarol;

	private ConversationId others;

	private MessageId edited2;

	private MessageId deleted3;

	private MessageId new9;

	private MessageId read4;

	/**
	 * Alice and Bob: messages 1-4 from Alice, 2 edited at seq 6, 3 deleted at seq 7, Bob
	 * read up to 4 at seq 8, message 9 after that. Carol sent Alice two messages she has
	 * not read.
	 */
	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		this.alice = seed.user("Alice");
		UserId bob = seed.user("Bob");
		UserId carol = seed.user("Carol");
		OffsetDateTime now = OffsetDateTime.now();
		this.withBob = seed.conversation(this.alice, bob, 9, now);
		this.withCarol = seed.conversation(this.alice, carol, 2, now.minusMinutes(1));
		this.others = seed.conversation(bob, carol, 0, now);
		seed.readUpTo(this.withBob, bob, 4, 8);
		seed.message(this.withBob, this.alice, bob, 1, 8, "READ", false, false);
		this.edited2 = seed.message(this.withBob, this.alice, bob, 2, 8, "READ", true, false);
		this.deleted3 = seed.message(this.withBob, this.alice, bob, 3, 7, "SENT", false, true);
		this.read4 = seed.message(this.withBob, this.alice, bob, 4, 8, "READ", false, false);
		this.new9 = seed.message(this.withBob, this.alice, bob, 9, 9, "SENT", false, false);
		seed.message(this.withCarol, carol, this.alice, 1, 1, "SENT", false, false);
		seed.message(this.withCarol, carol, this.alice, 2, 2, "SENT", false, false);
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
		assertThat(frames.get(3).path("id").asString()).isEqualTo(this.read4.toString());
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

		socket.send("{\"type\":\"sync\",\"positions\":{\"" + this.others + "\":0}}");

		assertThat(socket.awaitFrame(0).path("type").asString()).isEqualTo("sync-complete");
	}

	/**
	 * Alice was removed from a group at seq 5; a message of her time was edited after
	 * that, at 6, and another came at 7. Her resume replays what she read as it was, her
	 * removal, and nothing that changed after it.
	 */
	@Test
	void aRemovedMembersResumeReplaysNothingThatChangedAfterTheRemoval(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		UserId owner = seed.user("Owner");
		ConversationId group = seed.group("Crew", "SINCE_JOIN", owner, 7);
		seed.member(group, this.alice, "MEMBER", 1, 5L);
		seed.groupChange(group, 1, owner, GroupChange.CREATED, "Crew");
		seed.groupChange(group, 5, owner, GroupChange.MEMBER_REMOVED, "Crew");
		MessageId unchanged = seed.message(group, owner, null, 2, 2, "SENT", false, false);
		seed.message(group, owner, null, 3, 6, "SENT", true, false);
		seed.message(group, owner, null, 7, 7, "SENT", false, false);
		SocketClient socket = loggedInSocket();

		socket.send("{\"type\":\"sync\",\"positions\":{\"" + group + "\":0}}");
		await().until(() -> socket.received()
			.stream()
			.anyMatch((frame) -> frame.path("type").asString().equals("sync-complete")));

		List<JsonNode> frames = socket.received();
		assertThat(frames).extracting((frame) -> frame.path("type").asString() + "@" + frame.path("seq").asString())
			.containsExactly("message-created@2", "group-changed@5", "sync-complete@");
		assertThat(frames.get(0).path("message").path("id").asString()).isEqualTo(unchanged.toString());
	}

	private SocketClient loggedInSocket() {
		Browser browser = new Browser(this.port);
		assertThat(browser.login(Seed.emailOf(this.alice), "test123").statusCode()).isEqualTo(200);
		return browser.openSocket(null);
	}

}
