package dev.ferry.contracts.presence;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.NodeId;

/**
 * What a gateway node reports about the sockets it holds.
 */
public sealed interface PresenceRecord extends Payload permits SessionsChanged, NodeHeartbeat {

	/** The reporting node. */
	NodeId nodeId();

}
