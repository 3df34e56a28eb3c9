package dev.ferry.contracts.frame;

/**
 * {@code send-message}: write a message to a user.
 *
 * @param tempId the client's id for it, 1-64 characters, unique per sender
 * @param receiverId the reader's user id
 * @param content the text, 1-4,000 code points
 */
public record SendMessageFrame(String tempId, String receiverId, String content) implements ClientFrame {

	@Override
	public String ref() {
		return this.tempId;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.send(this);
	}

}
