package dev.ferry.infra.e2e;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.test.client.SocketClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client frames as PROTOCOL.md spells them, and ways to pick server frames.
 */
final class Frames {

	private static final JsonMapper JSON = JsonMapper.shared();

	private Frames() {
	}

	static void send(SocketClient socket, String tempId, UserId receiver, String content) {
		socket.send(json(Map.of("type", "send-message", "tempId", tempId, "receiverId", receiver.toString(), "content",
				content)));
	}

	static void sendToGroup(SocketClient socket, String tempId, ConversationId group, String content) {
		socket.send(json(Map.of("type", "send-message", "tempId", tempId, "conversationId", group.toString(), "content",
				content)));
	}

	static void edit(SocketClient socket, String id, String content) {
		socket.send(json(Map.of("type", "update-message", "id", id, "content", content)));
	}

	static void delete(SocketClient socket, String id) {
		socket.send(json(Map.of("type", "delete-message", "id", id)));
	}

	static void report(SocketClient socket, String id, String status) {
		socket.send(json(Map.of("type", "update-message-status", "id", id, "status", status)));
	}

	static void sync(SocketClient socket, Map<String, Long> positions) {
		socket.send(json(Map.of("type", "sync", "positions", positions)));
	}

	/**
	 * Makes the socket watch the user's presence, and waits until the gateway handled it:
	 * a ping sent behind it is answered after it.
	 */
	static void watch(SocketClient socket, UserId user) {
		socket.send(json(Map.of("type", "watch-presence", "userIds", List.of(user.toString()))));
		socket.send(json(Map.of("type", "ping")));
		socket.awaitFrames(type("pong"), 1);
	}

	static Predicate<JsonNode> type(String type) {
		return (frame) -> frame.path("type").asString().equals(type);
	}

	/** A push about the message the sender called {@code tempId}. */
	static Predicate<JsonNode> created(String tempId) {
		return type("message-created").and((frame) -> frame.path("message").path("tempId").asString().equals(tempId));
	}

	/** A change of a group: what happened, at which seq. */
	static Predicate<JsonNode> groupChanged(String change, long seq) {
		return type("group-changed")
			.and((frame) -> frame.path("change").asString().equals(change) && frame.path("seq").asLong() == seq);
	}

	static Predicate<JsonNode> statusOf(UserId user, boolean online) {
		return type("user-status-changed").and((frame) -> frame.path("userId").asString().equals(user.toString())
				&& frame.path("online").asBoolean() == online);
	}

	/** Frames about conversations: everything but presence and typing of whoever else. */
	static Predicate<JsonNode> chat() {
		return type("user-status-changed").or(type("typing")).negate();
	}

	static JsonNode parse(String json) {
		return JSON.readTree(json);
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

}
