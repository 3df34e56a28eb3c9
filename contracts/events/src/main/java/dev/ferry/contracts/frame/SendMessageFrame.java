package dev.ferry.contracts.frame;

import java.util.List;

/**
 * {@code send-message}: write a message to a user.
 *
 * @param tempId the client's id for it, 1-64 characters, unique per sender
 * @param receiverId the reader's user id
 * @param content the text, 1-4,000 code points; may be empty or absent when files are
 * attached
 * @param attachmentIds up to 10 ids of the sender's own uploads not sent yet; optional
 */
public record SendMessageFrame(String tempId, String receiverId, String content,
		List<String> attachmentIds) implements ClientFrame {

	/** A send without attachments. */
	public SendMessageFrame(String tempId, String receiverId, String content) {
		this(tempId, receiverId, content, null);
	}

	@Override
	public String ref() {
		return this.tempId;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.send(this);
	}

}
