package dev.ferry.gateway.socket;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.frame.UserStatusChangedFrame;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.gateway.node.NodeLease;
import dev.ferry.gateway.system.GatewaySettings;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.TopicWriter;
import dev.ferry.infra.test.client.SocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * {@code watch-presence}: a socket gets the presence changes of the users it watches,
 * besides those its user's partners' changes bring, once each; a new list replaces the
 * old one.
 */
class PresenceWatchIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private NodeLease lease;

	@Autowired
	private GatewaySettings settings;

	private TopicWriter topics;

	private UserId alice;

	private UserId bob;

	private UserId carol;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		this.alice = seed.user("Alice");
		this.bob = seed.user("Bob");
		this.carol = seed.user("Carol");
		this.topics = TopicWriter.of(infrastructure);
	}

	@AfterEach
	void close() {
		this.topics.close();
	}

	@Test
	void aWatchingSocketGetsTheWatchedUsersChangesOnceAndOthersDoNot() {
		SocketClient watching = loggedIn(this.alice).openSocket(null);
		SocketClient notWatching = loggedIn(this.bob).openSocket(null);
		watching.send("{\"type\":\"watch-presence\",\"userIds\":[\"" + this.carol + "\"]}");
		watching.send("{\"type\":\"ping\"}");
		await().atMost(Duration.ofSeconds(10)).until(() -> !watching.received("pong").isEmpty());

		publish(List.of(), true);
		// Alice is also named as a partner here: her socket still gets it once.
		publish(List.of(this.alice), false);

		await().atMost(Duration.ofSeconds(20)).until(() -> watching.received("user-status-changed").size() >= 2);
		assertThat(watching.received("user-status-changed"))
			.extracting((frame) -> frame.path("userId").asString(), (frame) -> frame.path("online").asBoolean())
			.containsExactly(tuple(this.carol.toString(), true), tuple(this.carol.toString(), false));
		assertThat(notWatching.received("user-status-changed")).isEmpty();
	}

	@Test
	void anEmptyListStopsWatching() {
		SocketClient socket = loggedIn(this.alice).openSocket(null);
		socket.send("{\"type\":\"watch-presence\",\"userIds\":[\"" + this.carol + "\"]}");
		socket.send("{\"type\":\"watch-presence\",\"userIds\":[]}");
		socket.send("{\"type\":\"ping\"}");
		await().atMost(Duration.ofSeconds(10)).until(() -> !socket.received("pong").isEmpty());

		publish(List.of(), true);
		publish(List.of(this.alice), false);

		await().atMost(Duration.ofSeconds(20)).until(() -> !socket.received("user-status-changed").isEmpty());
		assertThat(socket.received("user-status-changed")).singleElement()
			.satisfies((frame) -> assertThat(frame.path("online").asBoolean()).isFalse());
	}

	@Test
	void aListTooLongOrNotOfUserIdsIsAnInvalidField() {
		SocketClient socket = loggedIn(this.alice).openSocket(null);
		String tooMany = String.join("\",\"", Collections.nCopies(201, UUID.randomUUID().toString()));

		socket.send("{\"type\":\"watch-presence\",\"userIds\":[\"" + tooMany + "\"]}");
		socket.send("{\"type\":\"watch-presence\",\"userIds\":[\"not-a-user\"]}");
		socket.send("{\"type\":\"watch-presence\"}");

		List<JsonNode> errors = socket.awaitFrames((frame) -> frame.path("type").asString().equals("error"), 3);
		assertThat(errors).extracting((frame) -> frame.path("code").asString())
			.containsExactly("invalid_field", "invalid_field", "invalid_field");
		assertThat(errors).extracting((frame) -> frame.path("message").asString())
			.containsExactly("userIds holds at most 200 user ids", "userIds must hold user ids", "userIds is required");
		assertThat(errors).allSatisfy((frame) -> assertThat(frame.path("ref").isNull()).isTrue());
		assertThat(socket.isOpen()).isTrue();
	}

	private void publish(List<UserId> recipients, boolean online) {
		RoutedPush push = new RoutedPush(this.settings.nodeId(), recipients, "presence-" + UUID.randomUUID(),
				new UserStatusChangedFrame(this.carol, online, Instant.now()));
		this.topics.write(Topics.DELIVERY, this.lease.deliveryPartition(), push);
	}

}
