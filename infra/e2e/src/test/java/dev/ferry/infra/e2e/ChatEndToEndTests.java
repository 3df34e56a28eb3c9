package dev.ferry.infra.e2e;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import dev.ferry.contracts.delivery.RoutedPush;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.devstack.ServiceProcess;
import dev.ferry.infra.e2e.Pipeline.Gateway;
import dev.ferry.infra.test.TopicTail;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.infra.test.client.SocketClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ferry.infra.e2e.Frames.chat;
import static dev.ferry.infra.e2e.Frames.created;
import static dev.ferry.infra.e2e.Frames.parse;
import static dev.ferry.infra.e2e.Frames.statusOf;
import static dev.ferry.infra.e2e.Frames.type;
import static dev.ferry.infra.test.client.Browser.json;
import static dev.ferry.schema.jooq.Tables.CONVERSATIONS;
import static dev.ferry.schema.jooq.Tables.GATEWAY_NODES;
import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat as users get it: real protocol clients on two gateway nodes, through Kafka,
 * both workers and PostgreSQL, and back.
 */
class ChatEndToEndTests extends PipelineTest {

	@Test
	void messageReachesAllFourTabsAcrossNodesAndTicksMoveToRead() {
		fourTabsSeeTheMessageAndItsTicks(node1, node2);
	}

	@Test
	void messageReachesAllFourTabsOnOneNodeAndTicksMoveToRead() {
		fourTabsSeeTheMessageAndItsTicks(node1, node1);
	}

	@Test
	void eachNodeReadsOnlyItsOwnPushes() {
		assertThat(partitionOf(node1)).isNotEqualTo(partitionOf(node2));
		try (TopicTail<Envelope<RoutedPush>> pushes = TopicTail.of(pipeline.infrastructure(), Topics.DELIVERY.name(),
				new EnvelopeDeserializer<>(RoutedPush.class))) {
			fourTabsSeeTheMessageAndItsTicks(node1, node2);

			List<ConsumerRecord<String, Envelope<RoutedPush>>> routed = pushes.awaitRecords((record) -> true, 6);
			assertThat(routed).allSatisfy((record) -> {
				assertThat(record.key()).isEqualTo(record.value().payload().nodeId().value());
				assertThat(record.partition()).isEqualTo(partitionOf(record.key()));
			});
			assertThat(routed).extracting((record) -> record.value().payload().nodeId())
				.contains(node1.nodeId(), node2.nodeId());
		}
		UserId operator = pipeline.user("Operator", "SUPERADMIN");
		for (Gateway gateway : List.of(node1, node2)) {
			Browser metrics = Pipeline.loggedIn(operator, gateway);
			assertThat(pushesRead(metrics, "own")).isPositive();
			assertThat(pushesRead(metrics, "other")).isZero();
		}
	}

	@Test
	void editAndDeleteReachAllFourTabsAndHistoryAgrees() {
		Chat chat = Chat.open(pipeline, node1, node2);
		JsonNode first = chat.send("t-1", "first");
		JsonNode second = chat.send("t-2", "second");
		String firstId = first.path("message").path("id").asString();
		String secondId = second.path("message").path("id").asString();

		Frames.edit(chat.a1, firstId, "first, edited");
		JsonNode updated = chat.awaitOnAllTabs(type("message-updated"));
		Frames.delete(chat.a2, secondId);
		JsonNode deleted = chat.awaitOnAllTabs(type("message-deleted"));

		assertThat(updated.path("seq").asLong()).isEqualTo(3);
		assertThat(updated.path("message").path("content").asString()).isEqualTo("first, edited");
		assertThat(updated.path("message").path("editedAt").isNull()).isFalse();
		assertThat(deleted).isEqualTo(parse("{\"type\":\"message-deleted\",\"conversationId\":\"" + chat.conversation
				+ "\",\"seq\":4,\"id\":\"" + secondId + "\"}"));
		JsonNode history = json(chat.alice.get("/messages?with=" + chat.b));
		assertThat(history.path("conversationId").asString()).isEqualTo(chat.conversation.toString());
		List<JsonNode> messages = history.path("messages").valueStream().toList();
		assertThat(messages).hasSize(2);
		assertThat(messages.get(1)).isEqualTo(updated.path("message"));
		assertThat(messages.get(0).path("id").asString()).isEqualTo(secondId);
		assertThat(messages.get(0).path("deleted").asBoolean()).isTrue();
		assertThat(messages.get(0).path("content").asString()).isEmpty();
		assertThat(messages.get(0).path("seq").asLong()).isEqualTo(2);
		assertThat(messages.get(0).path("lastChangeSeq").asLong()).isEqualTo(4);
		assertThat(json(chat.bob.get("/messages?with=" + chat.a)).path("messages")).isEqualTo(history.path("messages"));
	}

	@Test
	void watchersSeeAUserComeOnlineAndGoOfflineWhenTheLastTabClosesOrTheNodeDies() {
		UserId watcher = pipeline.user("Watcher");
		UserId bob = pipeline.user("Bob");
		SocketClient watching = Pipeline.loggedIn(watcher, node1).openSocket(null);
		Frames.watch(watching, bob);
		Browser bobOnNode2 = Pipeline.loggedIn(bob, node2);

		SocketClient firstTab = bobOnNode2.openSocket(null);
		JsonNode online = watching.awaitFrames(statusOf(bob, true), 1).get(0);
		assertThat(online.path("lastSeenAt").isNull()).isFalse();
		SocketClient secondTab = bobOnNode2.openSocket(null);
		firstTab.close();
		secondTab.close();
		JsonNode offline = watching.awaitFrames(statusOf(bob, false), 1).get(0);
		assertThat(offline.path("lastSeenAt").isNull()).isFalse();
		// Closing one of two tabs did not flicker.
		assertThat(watching.received()).filteredOn(statusOf(bob, true).or(statusOf(bob, false))).hasSize(2);

		Gateway node3 = pipeline.gateway("gateway-3", Duration.ofSeconds(1));
		try (ServiceProcess process = node3.process()) {
			process.awaitStarted(Duration.ofSeconds(120));
			Pipeline.loggedIn(bob, node3).openSocket(null);
			watching.awaitFrames(statusOf(bob, true), 2);
			// A crash: no socket count reaches zero, the heartbeats just stop.
			process.kill();
			assertThat(watching.awaitFrames(statusOf(bob, false), 2)).hasSize(2);
		}
	}

	@Test
	void disablingAUserClosesTheirSocketsOnBothNodesWith4401WithinTwoSeconds() {
		Browser admin = Pipeline.loggedIn(pipeline.user("Admin", "ADMIN"), node1);
		UserId bob = pipeline.user("Bob");
		SocketClient onNode1 = Pipeline.loggedIn(bob, node1).openSocket(null);
		SocketClient onNode2 = Pipeline.loggedIn(bob, node2).openSocket(null);

		HttpResponse<String> disabled = admin.write("PATCH", "/admin/users/" + bob, "{\"disabled\":true}");

		assertThat(disabled.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(2)).until(() -> !onNode1.isOpen() && !onNode2.isOpen());
		assertThat(List.of(onNode1.closeCode(), onNode2.closeCode())).containsExactly(4401, 4401);
		HttpResponse<String> login = new Browser(node2.port()).login(Pipeline.emailOf(bob), Pipeline.PASSWORD);
		assertThat(login.statusCode()).isEqualTo(401);
		assertThat(json(login).path("error").asString()).isEqualTo("invalid_credentials");
	}

	@Test
	void reconnectingClientResumesExactlyWhereItLeftOffThenContinuesLive() {
		UserId a = pipeline.user("Alice");
		UserId b = pipeline.user("Bob");
		ConversationId conversation = ConversationId.direct(a, b);
		Browser bobBrowser = Pipeline.loggedIn(b, node2);
		Chat.Sockets sockets = Chat.openKnownToEachOther(Pipeline.loggedIn(a, node1), a, bobBrowser, b);
		SocketClient alice = sockets.first();
		SocketClient bob = sockets.second();
		Frames.send(alice, "t-0", b, "before");
		long position = bob.awaitFrames(created("t-0"), 1).get(0).path("seq").asLong();
		bob.close();

		for (int i = 1; i <= 200; i++) {
			Frames.send(alice, "r-" + i, b, "message " + i);
		}
		List<JsonNode> sent = alice.awaitFrames(type("message-created"), 201);
		Map<String, String> ids = new HashMap<>();
		sent.forEach((frame) -> ids.put(frame.path("message").path("tempId").asString(),
				frame.path("message").path("id").asString()));
		for (int i = 10; i <= 200; i += 10) {
			Frames.edit(alice, ids.get("r-" + i), "message " + i + ", edited");
		}
		alice.awaitFrames(type("message-updated"), 20);

		SocketClient back = bobBrowser.openSocket(null);
		List<JsonNode> replay = syncUntilComplete(back, conversation, position);

		assertThat(replay).hasSize(201);
		List<JsonNode> changes = replay.subList(0, 200);
		assertThat(changes).allMatch(type("message-created"));
		assertThat(changes).extracting((frame) -> frame.path("message").path("tempId").asString())
			.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 200).mapToObj((i) -> "r-" + i).toList());
		List<Long> seqs = changes.stream().map((frame) -> frame.path("seq").asLong()).toList();
		assertThat(seqs).isSorted().doesNotHaveDuplicates().allMatch((seq) -> seq > position);
		assertThat(changes).allSatisfy((frame) -> {
			assertThat(frame.path("seq").asLong()).isEqualTo(frame.path("message").path("lastChangeSeq").asLong());
			int index = Integer.parseInt(frame.path("message").path("tempId").asString().substring(2));
			assertThat(frame.path("message").path("content").asString())
				.isEqualTo((index % 10 == 0) ? "message " + index + ", edited" : "message " + index);
		});
		// Every seq after the position is either a message's latest change or an
		// earlier change of a message that changed again: nothing is missing.
		long lastSeq = position + 220;
		assertThat(seqs.get(seqs.size() - 1)).isEqualTo(lastSeq);
		JsonNode complete = replay.get(200);
		assertThat(complete.path("type").asString()).isEqualTo("sync-complete");
		assertThat(complete.path("conversations")).containsExactly(
				parse("{\"id\":\"" + conversation + "\",\"lastSeq\":" + lastSeq + ",\"unread\":201,\"more\":false}"));

		Frames.send(alice, "t-live", b, "live again");
		assertThat(back.awaitFrames(created("t-live"), 1).get(0).path("seq").asLong()).isEqualTo(lastSeq + 1);
	}

	@Test
	void resendingATempIdAfterADroppedConnectionMakesOneMessage() {
		UserId a = pipeline.user("Alice");
		UserId b = pipeline.user("Bob");
		Browser aliceBrowser = Pipeline.loggedIn(a, node1);
		Chat.Sockets sockets = Chat.openKnownToEachOther(aliceBrowser, a, Pipeline.loggedIn(b, node2), b);
		SocketClient alice = sockets.first();
		SocketClient bob = sockets.second();

		Frames.send(alice, "t-retry", b, "first try");
		alice.close();
		SocketClient again = aliceBrowser.openSocket(null);
		Frames.send(again, "t-retry", b, "second try");
		Frames.send(again, "t-after", b, "after");

		JsonNode ack = again.awaitFrames(type("message-ack"), 1).get(0);
		assertThat(ack.path("tempId").asString()).isEqualTo("t-retry");
		JsonNode message = again.awaitFrames(created("t-retry"), 1).get(0);
		assertThat(message.path("message").path("content").asString()).isEqualTo("first try");
		assertThat(message.path("seq").asLong()).isEqualTo(1);
		bob.awaitFrames(created("t-after"), 1);
		// Pushes of one conversation arrive in order: a second copy would be here by now.
		assertThat(bob.received()).filteredOn(created("t-retry")).containsExactly(message);
		assertThat(again.awaitFrames(created("t-after"), 1).get(0).path("seq").asLong()).isEqualTo(2);
		assertThat(pipeline.dsl()
			.fetchCount(MESSAGES, MESSAGES.SENDER_ID.eq(a.value()).and(MESSAGES.CLIENT_MSG_ID.eq("t-retry"))))
			.isEqualTo(1);
		assertThat(pipeline.dsl()
			.select(CONVERSATIONS.LAST_SEQ)
			.from(CONVERSATIONS)
			.where(CONVERSATIONS.ID.eq(ConversationId.direct(a, b).value()))
			.fetchOne(CONVERSATIONS.LAST_SEQ)).isEqualTo(2);
	}

	/**
	 * The commonest retry: the message was stored and pushed, the client never saw it
	 * (its socket dropped), reconnects and sends again. The new socket gets the original
	 * message; the sockets that had it do not get it twice.
	 */
	@Test
	void resendingATempIdOverANewSocketAfterItsMessageWasPushedGetsItsMessageCreated() {
		UserId a = pipeline.user("Alice");
		UserId b = pipeline.user("Bob");
		Browser aliceBrowser = Pipeline.loggedIn(a, node1);
		Chat.Sockets sockets = Chat.openKnownToEachOther(aliceBrowser, a, Pipeline.loggedIn(b, node2), b);
		SocketClient alice = sockets.first();
		SocketClient bob = sockets.second();
		Frames.send(alice, "t-pushed", b, "first try");
		JsonNode original = alice.awaitFrames(created("t-pushed"), 1).get(0);
		bob.awaitFrames(created("t-pushed"), 1);
		alice.close();

		SocketClient again = aliceBrowser.openSocket(null);
		Frames.send(again, "t-pushed", b, "second try");
		Frames.send(again, "t-later", b, "later");

		assertThat(again.awaitFrames(type("message-ack"), 2)).extracting((ack) -> ack.path("tempId").asString())
			.containsExactly("t-pushed", "t-later");
		assertThat(again.awaitFrames(created("t-pushed"), 1)).containsExactly(original);
		bob.awaitFrames(created("t-later"), 1);
		assertThat(bob.received()).filteredOn(created("t-pushed")).hasSize(1);
	}

	/**
	 * A file through the whole pipeline: uploaded on one node, named by a send, stored by
	 * the persistence worker, announced with its metadata to the receiver on the other
	 * node, who downloads it; a third user cannot.
	 */
	@Test
	void anAttachedFileReachesTheReceiverWithItsMetadataAndOnlyTheTwoPartiesFetchIt() {
		UserId a = pipeline.user("Alice");
		UserId b = pipeline.user("Bob");
		Browser aliceBrowser = Pipeline.loggedIn(a, node1);
		Browser bobBrowser = Pipeline.loggedIn(b, node2);
		Chat.Sockets sockets = Chat.openKnownToEachOther(aliceBrowser, a, bobBrowser, b);
		byte[] file = "%PDF-1.4\n% a manifest\n".getBytes(StandardCharsets.US_ASCII);
		JsonNode uploaded = json(aliceBrowser.upload("/attachments?name=manifest.pdf", file, "application/pdf"));
		String id = uploaded.path("id").asString();

		sockets.first()
			.send("{\"type\":\"send-message\",\"tempId\":\"t-file\",\"receiverId\":\"" + b
					+ "\",\"content\":\"\",\"attachmentIds\":[\"" + id + "\"]}");

		JsonNode received = sockets.second().awaitFrames(created("t-file"), 1).get(0).path("message");
		assertThat(received.path("hasAttachments").asBoolean()).isTrue();
		assertThat(received.path("content").asString()).isEmpty();
		assertThat(received.path("attachments"))
			.isEqualTo(parse("[{\"id\":\"" + id + "\",\"name\":\"manifest.pdf\",\"size\":" + file.length
					+ ",\"contentType\":\"application/pdf\",\"imageSize\":null}]"));
		HttpResponse<byte[]> byBob = bobBrowser.getBytes("/attachments/" + id);
		assertThat(byBob.statusCode()).isEqualTo(200);
		assertThat(byBob.body()).isEqualTo(file);
		assertThat(byBob.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(disposition) -> assertThat(disposition).startsWith("attachment; filename=\"manifest.pdf\""));
		Browser carol = Pipeline.loggedIn(pipeline.user("Carol"), node2);
		assertThat(carol.getBytes("/attachments/" + id).statusCode()).isEqualTo(404);
	}

	@Test
	void restOnlyClientsDoTheWholeFlow() {
		UserId c = pipeline.user("Carol");
		UserId d = pipeline.user("Dave");
		Browser carol = Pipeline.loggedIn(c, node1);
		Browser dave = Pipeline.loggedIn(d, node2);
		assertThat(json(carol.get("/users")).valueStream().map((user) -> user.path("id").asString()))
			.contains(d.toString())
			.doesNotContain(c.toString());

		HttpResponse<String> accepted = carol.write("POST", "/messages/create",
				"{\"tempId\":\"t-rest\",\"receiverId\":\"" + d + "\",\"content\":\"over REST\"}");
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(json(accepted)).isEqualTo(parse("{\"tempId\":\"t-rest\",\"conversationId\":\""
				+ ConversationId.direct(c, d) + "\",\"status\":\"PENDING\"}"));
		JsonNode received = awaitOnlyMessage(dave, c, (message) -> true);
		String id = received.path("id").asString();
		assertThat(received.path("content").asString()).isEqualTo("over REST");
		assertThat(received.path("status").asString()).isEqualTo("SENT");

		assertThat(dave.write("PUT", "/messages/status/" + id, "{\"status\":\"DELIVERED\"}").statusCode())
			.isEqualTo(202);
		awaitOnlyMessage(carol, d, (message) -> message.path("status").asString().equals("DELIVERED"));
		assertThat(dave.write("PUT", "/messages/status/" + id, "{\"status\":\"READ\"}").statusCode()).isEqualTo(202);
		awaitOnlyMessage(carol, d, (message) -> message.path("status").asString().equals("READ"));
		await().until(() -> json(dave.get("/conversations")).get(0).path("unread").asLong() == 0);

		assertThat(carol.write("PUT", "/messages/update/" + id, "{\"content\":\"over REST, edited\"}").statusCode())
			.isEqualTo(202);
		awaitOnlyMessage(dave, c, (message) -> message.path("content").asString().equals("over REST, edited"));
		assertThat(carol.write("DELETE", "/messages/delete/" + id, "").statusCode()).isEqualTo(202);
		JsonNode tombstone = awaitOnlyMessage(dave, c, (message) -> message.path("deleted").asBoolean());
		assertThat(tombstone.path("content").asString()).isEmpty();

		JsonNode resumed = json(dave.get("/messages?with=" + c + "&afterSeq=1"));
		assertThat(resumed.path("lastSeq").asLong()).isEqualTo(5);
		assertThat(resumed.path("messages")).containsExactly(tombstone);
		assertThat(resumed.path("marks")).isEqualTo(parse("{\"deliveredUpToSeq\":0,\"readUpToSeq\":0}"));
	}

	private static JsonNode awaitOnlyMessage(Browser browser, UserId peer, Predicate<JsonNode> until) {
		List<JsonNode> found = new ArrayList<>();
		await().until(() -> {
			found.clear();
			json(browser.get("/messages?with=" + peer)).path("messages").valueStream().forEach(found::add);
			return found.size() == 1 && until.test(found.get(0));
		});
		return found.get(0);
	}

	private static void fourTabsSeeTheMessageAndItsTicks(Gateway nodeOfA, Gateway nodeOfB) {
		Chat chat = Chat.open(pipeline, nodeOfA, nodeOfB);

		JsonNode created = chat.send("t-1", "hello");

		JsonNode message = created.path("message");
		assertThat(created.path("seq").asLong()).isEqualTo(1);
		assertThat(message.path("status").asString()).isEqualTo("SENT");
		assertThat(message.path("senderId").asString()).isEqualTo(chat.a.toString());
		assertThat(message.path("content").asString()).isEqualTo("hello");
		String id = message.path("id").asString();
		Frames.report(chat.b1, id, "DELIVERED");
		assertThat(chat.awaitOnAllTabs(type("message-status-updated")))
			.isEqualTo(parse("{\"type\":\"message-status-updated\",\"conversationId\":\"" + chat.conversation
					+ "\",\"seq\":2,\"id\":\"" + id + "\",\"status\":\"DELIVERED\",\"upToSeq\":1,\"counts\":null}"));
		Frames.report(chat.b2, id, "READ");
		assertThat(chat.awaitOnAllTabs(
				type("message-status-updated").and((frame) -> frame.path("status").asString().equals("READ"))))
			.isEqualTo(parse("{\"type\":\"message-status-updated\",\"conversationId\":\"" + chat.conversation
					+ "\",\"seq\":3,\"id\":\"" + id + "\",\"status\":\"READ\",\"upToSeq\":1,\"counts\":null}"));
		for (SocketClient tab : chat.tabs()) {
			assertThat(tab.received()).filteredOn(type("message-status-updated"))
				.extracting((frame) -> frame.path("status").asString())
				.containsExactly("DELIVERED", "READ");
		}
	}

	private static int partitionOf(Gateway gateway) {
		return partitionOf(gateway.nodeId().value());
	}

	/** The partition the node holds, as its lease says. */
	private static int partitionOf(String nodeId) {
		return pipeline.dsl()
			.select(GATEWAY_NODES.DELIVERY_PARTITION)
			.from(GATEWAY_NODES)
			.where(GATEWAY_NODES.NODE_ID.eq(nodeId))
			.fetchSingle(GATEWAY_NODES.DELIVERY_PARTITION);
	}

	private static double pushesRead(Browser operator, String node) {
		JsonNode metric = json(operator.get("/actuator/metrics/ferry.gateway.pushes.read?tag=node:" + node));
		return metric.path("measurements").get(0).path("value").asDouble();
	}

	/**
	 * Alice and Bob with two tabs each, on the given nodes, known to the delivery worker.
	 */
	private static final class Chat {

		final UserId a;

		final UserId b;

		final ConversationId conversation;

		final Browser alice;

		final Browser bob;

		final SocketClient a1;

		final SocketClient a2;

		final SocketClient b1;

		final SocketClient b2;

		private Chat(Pipeline pipeline, Gateway nodeOfA, Gateway nodeOfB) {
			this.a = pipeline.user("Alice");
			this.b = pipeline.user("Bob");
			this.conversation = ConversationId.direct(this.a, this.b);
			this.alice = Pipeline.loggedIn(this.a, nodeOfA);
			this.bob = Pipeline.loggedIn(this.b, nodeOfB);
			Sockets first = openKnownToEachOther(this.alice, this.a, this.bob, this.b);
			this.a1 = first.first();
			this.b1 = first.second();
			this.a2 = this.alice.openSocket(null);
			this.b2 = this.bob.openSocket(null);
		}

		static Chat open(Pipeline pipeline, Gateway nodeOfA, Gateway nodeOfB) {
			return new Chat(pipeline, nodeOfA, nodeOfB);
		}

		/**
		 * Opens a socket for each of two users who share no conversation yet, and waits
		 * until the delivery worker knows where both are. The first socket watches the
		 * second user, and the second opens only once the first one's presence is in
		 * Kafka (a gateway shows it online): when the second one's coming online reaches
		 * the first socket, the worker has read both.
		 */
		static Sockets openKnownToEachOther(Browser first, UserId firstUser, Browser second, UserId secondUser) {
			SocketClient firstSocket = first.openSocket(null);
			Frames.watch(firstSocket, secondUser);
			await().until(() -> json(second.get("/users?q=" + Pipeline.emailOf(firstUser))).path(0)
				.path("online")
				.asBoolean());
			SocketClient secondSocket = second.openSocket(null);
			firstSocket.awaitFrames(statusOf(secondUser, true), 1);
			return new Sockets(firstSocket, secondSocket);
		}

		/**
		 * The first sockets of two users.
		 *
		 * @param first the first user's
		 * @param second the second user's
		 */
		record Sockets(SocketClient first, SocketClient second) {
		}

		List<SocketClient> tabs() {
			return List.of(this.a1, this.a2, this.b1, this.b2);
		}

		/**
		 * Sends from Alice's first tab; returns the {@code message-created} every tab
		 * got.
		 */
		JsonNode send(String tempId, String content) {
			Frames.send(this.a1, tempId, this.b, content);
			assertThat(this.a1
				.awaitFrames(type("message-ack").and((frame) -> frame.path("tempId").asString().equals(tempId)), 1))
				.containsExactly(parse("{\"type\":\"message-ack\",\"tempId\":\"" + tempId + "\",\"conversationId\":\""
						+ this.conversation + "\",\"status\":\"PENDING\"}"));
			return awaitOnAllTabs(created(tempId));
		}

		/**
		 * Waits until every tab got one frame matching, and returns it: the same on every
		 * tab.
		 */
		JsonNode awaitOnAllTabs(Predicate<JsonNode> which) {
			Set<JsonNode> seen = new HashSet<>();
			for (SocketClient tab : tabs()) {
				List<JsonNode> frames = tab.awaitFrames(which, 1);
				seen.add(frames.get(0));
			}
			assertThat(seen).hasSize(1);
			return seen.iterator().next();
		}

	}

	/**
	 * A client that reads its conversations right after each push (a message, a receipt)
	 * is never told a {@code lastSeq} below the seq it was just pushed.
	 */
	@Test
	void conversationsReadRightAfterAPushListItsSeq() {
		UserId a = pipeline.user("Alice");
		UserId b = pipeline.user("Bob");
		Browser aliceBrowser = Pipeline.loggedIn(a, node1);
		Browser bobBrowser = Pipeline.loggedIn(b, node2);
		Chat.Sockets sockets = Chat.openKnownToEachOther(aliceBrowser, a, bobBrowser, b);
		SocketClient alice = sockets.first();
		SocketClient bob = sockets.second();
		List<String> behind = new ArrayList<>();

		for (int i = 0; i < 30; i++) {
			Frames.send(alice, "t-" + i, b, "message " + i);
			JsonNode created = bob.awaitFrames(created("t-" + i), 1).get(0);
			long listed = Browser.json(bobBrowser.get("/conversations")).get(0).path("lastSeq").asLong();
			if (listed < created.path("seq").asLong()) {
				behind.add("message seq " + created.path("seq").asLong() + " listed " + listed);
			}
			int receiptsBefore = alice.received("message-status-updated").size();
			Frames.report(bob, created.path("message").path("id").asString(), "READ");
			JsonNode receipt = alice.awaitFrames(type("message-status-updated"), receiptsBefore + 1)
				.get(receiptsBefore);
			listed = Browser.json(aliceBrowser.get("/conversations")).get(0).path("lastSeq").asLong();
			if (listed < receipt.path("seq").asLong()) {
				behind.add("receipt seq " + receipt.path("seq").asLong() + " listed " + listed);
			}
		}

		assertThat(behind).isEmpty();
	}

	/**
	 * Resumes one conversation as a client does: {@code sync} from the highest seq
	 * received until {@code sync-complete} no longer says {@code more} (the pipeline's
	 * gateways replay at most {@link Pipeline#SYNC_REPLAY_FRAMES} frames per sync). The
	 * replayed frames of every part, then the last {@code sync-complete}.
	 */
	private static List<JsonNode> syncUntilComplete(SocketClient socket, ConversationId conversation, long position) {
		List<JsonNode> replayed = new ArrayList<>();
		long from = position;
		while (true) {
			int before = socket.received().size();
			Frames.sync(socket, Map.of(conversation.toString(), from));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> socket.received()
					.stream()
					.skip(before)
					.anyMatch((frame) -> frame.path("type").asString().equals("sync-complete")));
			List<JsonNode> part = socket.received()
				.stream()
				.skip(before)
				.filter((frame) -> frame.path("type").asString().equals("sync-complete")
						|| conversation.toString().equals(frame.path("conversationId").asString()))
				.toList();
			JsonNode complete = part.get(part.size() - 1);
			List<JsonNode> frames = part.subList(0, part.size() - 1);
			replayed.addAll(frames);
			if (!complete.path("conversations").get(0).path("more").asBoolean()) {
				replayed.add(complete);
				return replayed;
			}
			from = frames.stream().mapToLong((frame) -> frame.path("seq").asLong()).max().orElse(from);
		}
	}

}
