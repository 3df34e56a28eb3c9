package dev.ferry.contracts.frame;

/**
 * {@code update-message}: replace the content of one's own message.
 *
 * @param id the message id
 * @param content the new text
 */
public record UpdateMessageFrame(String id, String content) implements ClientFrame {

	@Override
	public String ref() {
		return this.id;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.edit(this);
	}

}
