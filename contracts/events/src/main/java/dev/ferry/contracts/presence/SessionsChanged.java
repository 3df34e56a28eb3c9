package dev.ferry.contracts.presence;

import java.time.Instant;

import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.contracts.id.UserId;

/**
 * How many sockets a user has open on a node now; zero means none there.
 *
 * @param userId the user
 * @param nodeId the node
 * @param sessions open sockets of the user on the node
 * @param lastSeenAt when the user was last active on the node
 */
public record SessionsChanged(UserId userId, NodeId nodeId, int sessions,
		Instant lastSeenAt) implements PresenceRecord {

	@Override
	public String recordKey() {
		return Topics.presenceKey(this.userId, this.nodeId);
	}

}
