package dev.ferry.contracts.frame;

import java.util.List;

/**
 * {@code watch-presence}: the users whose {@code user-status-changed} this socket gets
 * besides its user's conversation partners; replaces the socket's watch list.
 *
 * @param userIds up to 200 user ids; empty clears the list
 */
public record WatchPresenceFrame(List<String> userIds) implements ClientFrame {

	@Override
	public String ref() {
		return null;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.watchPresence(this);
	}

}
