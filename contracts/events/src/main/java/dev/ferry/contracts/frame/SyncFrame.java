package dev.ferry.contracts.frame;

import java.util.Map;

/**
 * {@code sync}: the highest seq the client applied per conversation; the server replays
 * what changed after them.
 *
 * @param positions conversation id to last applied seq; may be empty
 */
public record SyncFrame(Map<String, Long> positions) implements ClientFrame {

	@Override
	public String ref() {
		return null;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.sync(this);
	}

}
