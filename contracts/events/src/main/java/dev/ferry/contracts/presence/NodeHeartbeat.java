package dev.ferry.contracts.presence;

import java.time.Duration;
import java.time.Instant;

import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.topic.Topics;

/**
 * A gateway node is alive; without a newer heartbeat within {@code ttl} its sessions are
 * considered gone.
 *
 * @param nodeId the node
 * @param sentAt when the node sent it
 * @param ttl how long it stays valid
 * @param deliveryPartition the partition of {@code chat.delivery.v1} the node reads its
 * pushes from; {@code null} from older gateways, whose partition was the node id's hash
 */
public record NodeHeartbeat(NodeId nodeId, Instant sentAt, Duration ttl,
		Integer deliveryPartition) implements PresenceRecord {

	@Override
	public String recordKey() {
		return Topics.heartbeatKey(this.nodeId);
	}

}
