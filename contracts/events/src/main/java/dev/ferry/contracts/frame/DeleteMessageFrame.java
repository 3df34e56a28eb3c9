package dev.ferry.contracts.frame;

/**
 * {@code delete-message}: delete one's own message.
 *
 * @param id the message id
 */
public record DeleteMessageFrame(String id) implements ClientFrame {

	@Override
	public String ref() {
		return this.id;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.delete(this);
	}

}
