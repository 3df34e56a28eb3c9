package dev.ferry.contracts.frame;

/**
 * {@code update-message-status}: the reader received or read this and every earlier
 * message from that peer.
 *
 * @param id the message id
 * @param status {@code DELIVERED} or {@code READ}
 */
public record UpdateMessageStatusFrame(String id, String status) implements ClientFrame {

	@Override
	public String ref() {
		return this.id;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.report(this);
	}

}
