package dev.ferry.delivery.route;

import java.util.List;

import dev.ferry.contracts.frame.ServerFrame;
import dev.ferry.contracts.id.UserId;

/**
 * What must be pushed about one record and to whom.
 *
 * @param frame the frame every recipient's sockets get
 * @param recipients the users concerned, online or not
 */
record Route(ServerFrame frame, List<UserId> recipients) {

	static Route nobody() {
		return new Route(null, List.of());
	}

}
