package dev.ferry.gateway.socket;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.frame.MessageCreatedFrame;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.ChatMessage;
import dev.ferry.contracts.message.MessageStatus;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.gateway.node.NodeLease;
import dev.ferry.infra.test.client.SocketClient;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.TopicWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routed pushes on this node's partition of {@code chat.delivery.v1} reach every local
 * socket of the named users, once each.
 */
@TestPropertySource(properties = { "ferry.gateway.node-id=" + PushDeliveryIntegrationTests.NODE,
		"ferry.gateway.socket.send-buffer-bytes=65536" })
class PushDeliveryIntegrationTests extends GatewayIntegrationTest {

	static final String NODE = "gateway-push-test";

	@Autowired
	private LocalSessions sessions;

	@Autowired
	private NodeLease lease;

	private TopicWriter topics;

	private UserId alice;

	private UserId bob;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		this.alice = seed.user("Alice");
		this.bob = seed.user("Bob");
		this.topics = TopicWriter.of(infrastructure);
	}

	@AfterEach
	void close() {
		this.topics.close();
	}

	@Test
	void aPushReachesEverySocketOfItsRecipientOnceAndNoOtherSocket() {
		SocketClient aliceTab = loggedIn(this.alice).openSocket(null);
		Browser bob = loggedIn(this.bob);
		SocketClient bobTab1 = bob.openSocket(null);
		SocketClient bobTab2 = bob.openSocket(null);
		RoutedPush first = push(NODE, "push-" + UUID.randomUUID(), "first");

		publish(first);
		publish(first);
		publish(push("gateway-elsewhere", "push-" + UUID.randomUUID(), "for another node"));
		publish(push(NODE, "push-" + UUID.randomUUID(), "marker"));

		for (SocketClient tab : List.of(bobTab1, bobTab2)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> tab.received().size() >= 2);
			assertThat(tab.received()).extracting((frame) -> frame.path("message").path("content").asString())
				.containsExactly("first", "marker");
			assertThat(tab.received().get(0).path("type").asString()).isEqualTo("message-created");
		}
		assertThat(aliceTab.received()).isEmpty();
	}

	/**
	 * A retried send announces its message again under the same push id: the tab that
	 * reconnected and retried gets it, the tab that had it does not get it twice.
	 */
	@Test
	void aRepeatedPushReachesTheSocketsOpenedSinceItsFirstCopyAndOnlyThem() {
		Browser bob = loggedIn(this.bob);
		SocketClient before = bob.openSocket(null);
		RoutedPush announced = push(NODE, "push-" + UUID.randomUUID(), "announced");
		publish(announced);
		before.awaitFrames((frame) -> true, 1);

		SocketClient since = bob.openSocket(null);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessions.of(this.bob).size() == 2);
		publish(announced);
		publish(push(NODE, "push-" + UUID.randomUUID(), "marker"));

		since.awaitFrames((frame) -> true, 2);
		before.awaitFrames((frame) -> true, 2);
		assertThat(since.received()).extracting((frame) -> frame.path("message").path("content").asString())
			.containsExactly("announced", "marker");
		assertThat(before.received()).extracting((frame) -> frame.path("message").path("content").asString())
			.containsExactly("announced", "marker");
	}

	@Test
	void aSocketThatDoesNotReadIsDisconnectedAndTheOthersKeepGoing() {
		Browser bob = loggedIn(this.bob);
		SocketClient reading = bob.openSocket(null);
		bob.openSocket(null, new SocketClient(false));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessions.of(this.bob).size() == 2);
		String bulky = "x".repeat(60_000);

		for (int i = 0; i < 300; i++) {
			publish(push(NODE, "push-" + UUID.randomUUID(), bulky));
		}

		await().atMost(Duration.ofSeconds(60)).until(() -> this.sessions.of(this.bob).size() == 1);
		await().atMost(Duration.ofSeconds(60)).until(() -> reading.received().size() == 300);
		assertThat(reading.isOpen()).isTrue();
	}

	/**
	 * More sockets that never read than the node has writers, each sent far more than the
	 * network buffers hold: another user's push still arrives at once.
	 */
	@Test
	void socketsThatDoNotReadNeverDelayAnotherUsersPushes() {
		Browser bob = loggedIn(this.bob);
		for (int i = 0; i < 12; i++) {
			bob.openSocket(null, new SocketClient(false));
		}
		SocketClient alice = loggedIn(this.alice).openSocket(null);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessions.of(this.bob).size() == 12);
		String bulky = "x".repeat(60_000);
		for (int i = 0; i < 200; i++) {
			publish(push(NODE, "push-" + UUID.randomUUID(), bulky));
		}
		publish(push(NODE, this.bob, "push-" + UUID.randomUUID(), "marker"));
		// Once a socket of Bob's got everything up to the marker, every writer that waits
		// for a client is waiting.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.sessions.of(this.bob).stream().allMatch((socket) -> socket.queuedBytes() > 0));

		long sent = System.nanoTime();
		publish(push(NODE, this.alice, "push-" + UUID.randomUUID(), "for Alice"));
		await().atMost(Duration.ofSeconds(30)).until(() -> alice.received().size() == 1);

		assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(2));
		assertThat(alice.received().get(0).path("message").path("content").asString()).isEqualTo("for Alice");
	}

	private RoutedPush push(String node, String pushId, String content) {
		return push(node, this.bob, pushId, content);
	}

	private RoutedPush push(String node, UserId recipient, String pushId, String content) {
		ConversationId conversation = ConversationId.direct(this.alice, this.bob);
		Instant now = Instant.now();
		ChatMessage message = new ChatMessage(MessageId.newTimeOrdered(), conversation, 1, 1, this.alice, this.bob,
				"t-1", content, MessageStatus.SENT, false, now, now, null, false);
		return new RoutedPush(new NodeId(node), List.of(recipient), pushId,
				new MessageCreatedFrame(conversation, 1, message));
	}

	private void publish(RoutedPush push) {
		this.topics.write(Topics.DELIVERY, this.lease.deliveryPartition(), push);
	}

}
