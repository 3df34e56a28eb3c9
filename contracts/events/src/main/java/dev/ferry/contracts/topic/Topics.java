package dev.ferry.contracts.topic;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;

/**
 * The topic catalogue. No topic name is written anywhere else in Ferry.
 */
public final class Topics {

	/** Partitions of every catalogue topic unless an operator chooses otherwise. */
	public static final int DEFAULT_PARTITIONS = 12;

	/** Accepted client commands; gateway to persistence worker. */
	public static final TopicSpec INBOUND = new TopicSpec("chat.inbound.v1", "conversationId", DEFAULT_PARTITIONS,
			Duration.ofDays(7), "delete", false);

	/** The public, authoritative log of persisted changes, in per-conversation order. */
	public static final TopicSpec EVENTS = new TopicSpec("chat.events.v1", "conversationId", DEFAULT_PARTITIONS,
			Duration.ofDays(30), "delete", false);

	/** Routed pushes; a gateway reads only its own node's records. */
	public static final TopicSpec DELIVERY = new TopicSpec("chat.delivery.v1", "nodeId", DEFAULT_PARTITIONS,
			Duration.ofHours(1), "delete", false);

	/**
	 * Session counts per user and node, and node heartbeats; the latest value per key
	 * counts.
	 */
	public static final TopicSpec PRESENCE = new TopicSpec("chat.presence.v1", "userId:nodeId or node:nodeId",
			DEFAULT_PARTITIONS, Duration.ofDays(7), "compact", false);

	/** Ephemeral signals such as typing indicators; never persisted. */
	public static final TopicSpec SIGNALS = new TopicSpec("chat.signals.v1", "conversationId", DEFAULT_PARTITIONS,
			Duration.ofMinutes(10), "delete", false);

	/**
	 * Every user account as it stands, without secrets, for other services; the latest
	 * value per user counts.
	 */
	public static final TopicSpec USERS = new TopicSpec("chat.users.v1", "userId", DEFAULT_PARTITIONS,
			Duration.ofDays(7), "compact", false);

	/**
	 * Every conversation with its members; the delivery worker learns from it who shares
	 * a conversation with whom.
	 */
	public static final TopicSpec CONVERSATIONS = new TopicSpec("chat.conversations.v1", "conversationId",
			DEFAULT_PARTITIONS, Duration.ofDays(7), "compact", false);

	private static final List<TopicSpec> SOURCES = List.of(INBOUND, EVENTS, DELIVERY, PRESENCE, SIGNALS, USERS,
			CONVERSATIONS);

	private Topics() {
	}

	/** The topics services write to and read from. */
	public static List<TopicSpec> sources() {
		return SOURCES;
	}

	/** Every topic of the catalogue, dead-letter topics included. */
	public static List<TopicSpec> all() {
		return SOURCES.stream().flatMap((topic) -> Stream.of(topic, topic.deadLetterTopic())).toList();
	}

	/** Key of a presence record of one user's sessions on one node. */
	public static String presenceKey(UserId userId, NodeId nodeId) {
		return userId + ":" + nodeId;
	}

	/** Key of a node heartbeat on the presence topic. */
	public static String heartbeatKey(NodeId nodeId) {
		return "node:" + nodeId;
	}

	/** The record key of a payload on its topic; each payload type states its own. */
	public static String keyOf(Payload payload) {
		return payload.recordKey();
	}

}
