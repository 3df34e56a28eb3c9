package dev.ferry.contracts.frame;

/**
 * {@code ping}: the server answers {@code pong}.
 */
public record PingFrame() implements ClientFrame {

	@Override
	public String ref() {
		return null;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.ping(this);
	}

}
