package dev.ferry.gateway.system;

import java.time.Duration;
import java.util.List;

import dev.ferry.contracts.id.NodeId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the gateway; defaults are documented in {@code application.yaml}.
 *
 * @param nodeId this gateway node's id
 * @param heartbeatInterval how often this node publishes a heartbeat
 * @param publishTimeout how long a request waits for Kafka to acknowledge a command
 * @param maxBodyBytes largest REST request body accepted
 * @param socket the WebSocket endpoint's limits
 * @param login the throttling of failed logins
 * @param session the lifetime of a login
 */
@ConfigurationProperties("ferry.gateway")
public record GatewaySettings(NodeId nodeId, Duration heartbeatInterval, Duration publishTimeout, int maxBodyBytes,
		Socket socket, Login login, Session session) {

	/** Heartbeats a node may miss before it counts as gone. */
	private static final int MISSED_HEARTBEATS = 3;

	/**
	 * How long after its last heartbeat a node counts as gone: its users go offline, its
	 * node id and delivery partition become free.
	 */
	public Duration nodeTtl() {
		return this.heartbeatInterval.multipliedBy(MISSED_HEARTBEATS);
	}

	/**
	 * How long a login lasts. Its idle lifetime is
	 * {@code server.servlet.session.timeout}.
	 *
	 * @param absoluteTimeout longest a session lasts from its login, however active
	 * @param socketCheckInterval how often a node closes the sockets of sessions that
	 * ended (logout or expiry on any node) with 4401
	 */
	public record Session(Duration absoluteTimeout, Duration socketCheckInterval) {
	}

	/**
	 * Failed logins allowed within a window, after which a login is answered 429 without
	 * checking the password.
	 *
	 * @param failuresPerAccount failures per account (email), from any addresses
	 * @param failuresPerAddress failures per client address (an IPv6 address per /64)
	 * @param failureWindow the window; each allowance refills evenly over it
	 * @param newAddressTriesPerAccount past the account's allowance, tries of addresses
	 * that have not failed on the account (one each), so its owner may still log in while
	 * strangers guess; once they are used the account refuses everyone
	 * @param maxCounted most accounts, addresses and account-address pairs each counted
	 * at once; the least used are forgotten first
	 */
	public record Login(int failuresPerAccount, int failuresPerAddress, Duration failureWindow,
			int newAddressTriesPerAccount, int maxCounted) {
	}

	/**
	 * Limits of {@code /ws}.
	 *
	 * @param allowedOrigins origins allowed besides the gateway's own
	 * @param maxFrameBytes largest frame accepted
	 * @param framesPerSecond frames per second per user, sustained
	 * @param frameBurst frames per user allowed above the sustained rate
	 * @param sendBufferBytes most output queued for one socket
	 * @param sendTimeLimit longest one frame may take to be sent
	 * @param syncReplayFrames most message frames one {@code sync} replays
	 * @param maxSocketsPerUser most sockets one user may have open on a node
	 */
	public record Socket(List<String> allowedOrigins, int maxFrameBytes, int framesPerSecond, int frameBurst,
			int sendBufferBytes, Duration sendTimeLimit, int syncReplayFrames, int maxSocketsPerUser) {
	}

}
