package dev.ferry.contracts.delivery;

import java.util.List;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.frame.ServerFrame;
import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;

/**
 * A frame the delivery worker routed to one gateway node, for every local socket of the
 * named users.
 *
 * @param nodeId the gateway node; the record key
 * @param recipients the users whose sockets on that node get the frame
 * @param pushId identifies the push, so a gateway drops one it already sent to a socket
 * @param frame the frame to send as it is
 */
public record RoutedPush(NodeId nodeId, List<UserId> recipients, String pushId, ServerFrame frame) implements Payload {

	@Override
	public String recordKey() {
		return this.nodeId.toString();
	}

}
