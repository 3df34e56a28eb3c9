package dev.ferry.infra.e2e;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.infra.test.client.SocketClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ferry.infra.e2e.Frames.created;
import static dev.ferry.infra.e2e.Frames.groupChanged;
import static dev.ferry.infra.e2e.Frames.type;
import static dev.ferry.infra.test.client.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups as their members get them: created and changed over REST, written to over the
 * socket, pushed to every member's tabs on both gateway nodes, and read back over REST
 * and {@code sync} as far as each member may.
 */
class GroupEndToEndTests extends PipelineTest {

	@Test
	void membersOnBothNodesGetTheGroupsMessagesAndChangesInOneOrderAndReadOnlyTheirTime() {
		UserId owner = pipeline.user("Owner");
		UserId bob = pipeline.user("Bob");
		UserId carol = pipeline.user("Carol");
		UserId dave = pipeline.user("Dave");
		Browser ownerBrowser = Pipeline.loggedIn(owner, node1);
		Browser bobBrowser = Pipeline.loggedIn(bob, node2);
		Browser daveBrowser = Pipeline.loggedIn(dave, node2);
		SocketClient ownerSocket = ownerBrowser.openSocket(null);
		SocketClient bobSocket = bobBrowser.openSocket(null);
		SocketClient carolSocket = Pipeline.loggedIn(carol, node1).openSocket(null);
		SocketClient daveSocket = daveBrowser.openSocket(null);

		HttpResponse<String> created = ownerBrowser.write("POST", "/conversations",
				"{\"title\":\"Crew\",\"memberIds\":[\"" + bob + "\",\"" + carol + "\"]}");
		assertThat(created.statusCode()).isEqualTo(202);
		ConversationId group = ConversationId.fromString(json(created).path("conversationId").asString());
		for (SocketClient member : List.of(ownerSocket, bobSocket, carolSocket)) {
			JsonNode frame = member.awaitFrames(groupChanged("CREATED", 1), 1).get(0);
			assertThat(frame.path("conversationId").asString()).isEqualTo(group.toString());
			assertThat(frame.path("group").path("title").asString()).isEqualTo("Crew");
			// The change, not the member list: members are read a page at a time.
			assertThat(frame.path("group").has("members")).isFalse();
			assertThat(frame.path("member").isNull()).isTrue();
		}

		Frames.sendToGroup(ownerSocket, "t-1", group, "welcome");
		JsonNode welcome = awaitOnEach(created("t-1"), ownerSocket, bobSocket, carolSocket);
		assertThat(welcome.path("seq").asLong()).isEqualTo(2);
		assertThat(welcome.path("message").path("receiverId").isNull()).isTrue();
		assertThat(ownerSocket.awaitFrames(type("message-ack"), 1).get(0).path("conversationId").asString())
			.isEqualTo(group.toString());

		assertThat(ownerBrowser.write("POST", "/conversations/" + group + "/members/" + dave, "").statusCode())
			.isEqualTo(202);
		awaitOnEach(groupChanged("MEMBER_ADDED", 3), ownerSocket, bobSocket, carolSocket, daveSocket);
		Frames.sendToGroup(bobSocket, "t-2", group, "hi Dave");
		assertThat(awaitOnEach(created("t-2"), ownerSocket, bobSocket, carolSocket, daveSocket).path("seq").asLong())
			.isEqualTo(4);

		assertThat(ownerBrowser.write("DELETE", "/conversations/" + group + "/members/" + bob, "").statusCode())
			.isEqualTo(202);
		JsonNode removed = awaitOnEach(groupChanged("MEMBER_REMOVED", 5), ownerSocket, bobSocket, carolSocket,
				daveSocket);
		assertThat(removed.path("userId").asString()).isEqualTo(bob.toString());
		Frames.sendToGroup(carolSocket, "t-3", group, "Bob is gone");
		assertThat(awaitOnEach(created("t-3"), ownerSocket, carolSocket, daveSocket).path("seq").asLong()).isEqualTo(6);
		// Dave's node got the push with Dave alone on it: Bob, on the same node, was not
		// among its recipients.
		assertThat(bobSocket.received()).noneMatch(created("t-3"));
		Frames.sendToGroup(bobSocket, "t-4", group, "let me back");
		JsonNode refused = bobSocket.awaitFrames(type("message-rejected"), 1).get(0);
		assertThat(refused.path("tempId").asString()).isEqualTo("t-4");
		assertThat(refused.path("code").asString()).isEqualTo("not_found");

		assertThat(seqsOf(json(daveBrowser.get("/messages?conversationId=" + group)))).containsExactly(6L, 4L);
		assertThat(seqsOf(json(bobBrowser.get("/messages?conversationId=" + group)))).containsExactly(4L, 2L);
		assertThat(seqsOf(json(ownerBrowser.get("/messages?conversationId=" + group)))).containsExactly(6L, 4L, 2L);
		assertThat(seqsOf(json(bobBrowser.get("/messages?conversationId=" + group + "&afterSeq=0"))))
			.containsExactly(2L, 4L);
		// The group as its latest change in the member's time left it, in its place.
		assertThat(synced(daveBrowser.openSocket(null), group)).containsExactly("message-created 4", "group-changed 5",
				"message-created 6");
		assertThat(synced(bobBrowser.openSocket(null), group)).containsExactly("message-created 2", "message-created 4",
				"group-changed 5");

		JsonNode members = json(ownerBrowser.get("/conversations/" + group + "/members"));
		assertThat(members.path("title").asString()).isEqualTo("Crew");
		assertThat(members.path("memberCount").asInt()).isEqualTo(3);
		assertThat(members.path("members").valueStream().map((member) -> member.path("userId").asString()))
			.containsExactlyInAnyOrder(owner.toString(), carol.toString(), dave.toString());
		assertThat(bobBrowser.get("/conversations/" + group + "/members").statusCode()).isEqualTo(404);
		JsonNode listed = json(daveBrowser.get("/conversations")).get(0);
		assertThat(listed.path("kind").asString()).isEqualTo("GROUP");
		assertThat(listed.path("title").asString()).isEqualTo("Crew");
		assertThat(listed.path("lastSeq").asLong()).isEqualTo(6);
		assertThat(listed.path("unread").asLong()).isEqualTo(2);
	}

	@Test
	void aResendOverANewSocketGetsItsMessageCreatedAndOnlyOwnersAndAdminsChangeTheGroup() {
		UserId owner = pipeline.user("Owner");
		UserId bob = pipeline.user("Bob");
		Browser ownerBrowser = Pipeline.loggedIn(owner, node1);
		Browser bobBrowser = Pipeline.loggedIn(bob, node2);
		SocketClient bobSocket = bobBrowser.openSocket(null);
		ConversationId group = ConversationId.fromString(json(ownerBrowser.write("POST", "/conversations",
				"{\"title\":\"Pair\",\"memberIds\":[\"" + bob + "\"],\"history\":\"ALL\"}"))
			.path("conversationId")
			.asString());
		bobSocket.awaitFrames(groupChanged("CREATED", 1), 1);

		SocketClient first = ownerBrowser.openSocket(null);
		Frames.sendToGroup(first, "t-1", group, "once");
		JsonNode original = first.awaitFrames(created("t-1"), 1).get(0);
		first.close();
		SocketClient again = ownerBrowser.openSocket(null);
		Frames.sendToGroup(again, "t-1", group, "once");
		assertThat(again.awaitFrames(created("t-1"), 1).get(0)).isEqualTo(original);

		assertThat(bobBrowser.write("PATCH", "/conversations/" + group, "{\"title\":\"Mine\"}").statusCode())
			.isEqualTo(202);
		assertThat(bobSocket.awaitFrames(type("message-rejected"), 1).get(0).path("code").asString())
			.isEqualTo("forbidden");
		assertThat(json(bobBrowser.write("PATCH", "/conversations/" + group, "{\"title\":\" \"}")).path("error")
			.asString()).isEqualTo("invalid_field");
		assertThat(ownerBrowser.write("PATCH", "/conversations/" + group, "{\"title\":\"Deck\"}").statusCode())
			.isEqualTo(202);
		assertThat(bobSocket.awaitFrames(groupChanged("RENAMED", 3), 1).get(0).path("group").path("title").asString())
			.isEqualTo("Deck");
		UserId stranger = pipeline.user("Stranger");
		assertThat(json(Pipeline.loggedIn(stranger, node1).get("/conversations/" + group + "/members")).path("error")
			.asString()).isEqualTo("not_found");
	}

	@Test
	void receiptsFromThreeOfFiveMembersShowReadByThreeOfFourToTheSenderAndOnRest() {
		UserId owner = pipeline.user("Owner");
		List<UserId> others = List.of(pipeline.user("Bob"), pipeline.user("Carol"), pipeline.user("Dave"),
				pipeline.user("Erin"));
		Browser ownerBrowser = Pipeline.loggedIn(owner, node1);
		SocketClient ownerSocket = ownerBrowser.openSocket(null);
		ConversationId group = ConversationId.fromString(json(ownerBrowser.write("POST", "/conversations",
				"{\"title\":\"Five\",\"memberIds\":["
						+ String.join(",", others.stream().map((other) -> "\"" + other + "\"").toList()) + "]}"))
			.path("conversationId")
			.asString());
		ownerSocket.awaitFrames(groupChanged("CREATED", 1), 1);
		Frames.sendToGroup(ownerSocket, "t-1", group, "read me");
		String id = ownerSocket.awaitFrames(created("t-1"), 1).get(0).path("message").path("id").asString();

		for (int reader = 0; reader < 3; reader++) {
			SocketClient socket = Pipeline.loggedIn(others.get(reader), (reader % 2 == 0) ? node2 : node1)
				.openSocket(null);
			Frames.report(socket, id, "READ");
			socket.awaitFrames(type("message-status-updated"), 1);
		}

		List<JsonNode> receipts = ownerSocket.awaitFrames(type("message-status-updated"), 3);
		assertThat(receipts).extracting((frame) -> frame.path("counts").path("readBy").asInt())
			.containsExactlyInAnyOrder(1, 2, 3);
		JsonNode last = receipts.stream()
			.filter((frame) -> frame.path("counts").path("readBy").asInt() == 3)
			.findFirst()
			.orElseThrow();
		assertThat(last.path("id").asString()).isEqualTo(id);
		assertThat(last.path("status").asString()).isEqualTo("READ");
		assertThat(last.path("counts")).isEqualTo(Frames.parse("{\"deliveredTo\":3,\"readBy\":3,\"members\":4}"));
		JsonNode page = json(ownerBrowser.get("/messages?conversationId=" + group));
		assertThat(page.path("receipts").path(id)).isEqualTo(last.path("counts"));
		assertThat(page.path("messages").get(0).path("status").asString()).isEqualTo("SENT");
	}

	/**
	 * Waits until each socket got one frame matching, and returns it: the same on each.
	 */
	private static JsonNode awaitOnEach(Predicate<JsonNode> which, SocketClient... sockets) {
		List<JsonNode> seen = Arrays.stream(sockets).map((socket) -> socket.awaitFrames(which, 1).get(0)).toList();
		assertThat(seen).allMatch(seen.get(0)::equals);
		return seen.get(0);
	}

	private static List<Long> seqsOf(JsonNode page) {
		return page.path("messages").valueStream().map((message) -> message.path("seq").asLong()).toList();
	}

	/** The frames a sync from 0 replays, until {@code sync-complete}: type and seq. */
	private static List<String> synced(SocketClient socket, ConversationId group) {
		Frames.sync(socket, Map.of(group.toString(), 0L));
		socket.awaitFrames(type("sync-complete"), 1);
		return socket.received()
			.stream()
			.filter(type("message-created").or(type("group-changed")))
			.map((frame) -> frame.path("type").asString() + " " + frame.path("seq").asLong())
			.toList();
	}

}
