package dev.ferry.contracts.presence;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;

/**
 * Who is connected where, folded from {@code chat.presence.v1}: the latest session count
 * per user and node, and each node's latest heartbeat. A node whose heartbeat expired
 * counts as gone with all its sessions. Safe to read while another thread applies
 * records.
 */
public final class PresenceTable {

	private final Map<UserId, Map<NodeId, SessionsChanged>> sessions = new ConcurrentHashMap<>();

	private final Map<NodeId, NodeHeartbeat> heartbeats = new ConcurrentHashMap<>();

	public void apply(PresenceRecord record) {
		if (record instanceof SessionsChanged changed) {
			this.sessions.computeIfAbsent(changed.userId(), (user) -> new ConcurrentHashMap<>())
				.put(changed.nodeId(), changed);
		}
		else if (record instanceof NodeHeartbeat heartbeat) {
			this.heartbeats.put(heartbeat.nodeId(), heartbeat);
		}
	}

	/** The live nodes where the user has a socket open at {@code now}. */
	public Set<NodeId> nodesOf(UserId user, Instant now) {
		return this.sessions.getOrDefault(user, Map.of())
			.values()
			.stream()
			.filter((changed) -> changed.sessions() > 0 && isAlive(changed.nodeId(), now))
			.map(SessionsChanged::nodeId)
			.collect(Collectors.toSet());
	}

	public boolean isOnline(UserId user, Instant now) {
		return !nodesOf(user, now).isEmpty();
	}

	/**
	 * Whether a node reports sockets of the user, alive or not: a user who has them but
	 * is not online lost them with a node that stopped heartbeating.
	 */
	public boolean hasReportedSessions(UserId user) {
		return this.sessions.getOrDefault(user, Map.of())
			.values()
			.stream()
			.anyMatch((changed) -> changed.sessions() > 0);
	}

	/** Every user any node ever reported. */
	public Set<UserId> users() {
		return Set.copyOf(this.sessions.keySet());
	}

	/** The nodes whose heartbeat is valid at {@code now}. */
	public Set<NodeId> liveNodes(Instant now) {
		return this.heartbeats.keySet().stream().filter((node) -> isAlive(node, now)).collect(Collectors.toSet());
	}

	/** When the user was last seen on any node, or {@code null} if never. */
	public Instant lastSeenAt(UserId user) {
		return this.sessions.getOrDefault(user, Map.of())
			.values()
			.stream()
			.map(SessionsChanged::lastSeenAt)
			.max(Instant::compareTo)
			.orElse(null);
	}

	/**
	 * The partition of {@code chat.delivery.v1} the node's latest heartbeat named, or
	 * {@code null} if it named none.
	 */
	public Integer deliveryPartitionOf(NodeId node) {
		NodeHeartbeat heartbeat = this.heartbeats.get(node);
		return (heartbeat != null) ? heartbeat.deliveryPartition() : null;
	}

	private boolean isAlive(NodeId node, Instant now) {
		NodeHeartbeat heartbeat = this.heartbeats.get(node);
		return heartbeat != null && heartbeat.sentAt().plus(heartbeat.ttl()).isAfter(now);
	}

}
