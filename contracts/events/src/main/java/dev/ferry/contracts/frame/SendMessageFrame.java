package dev.ferry.contracts.frame;

import java.util.List;

/**
 * {@code send-message}: write a message to a user, or to a group.
 *
 * @param tempId the client's id for it, 1-64 characters, unique per sender
 * @param receiverId the reader's user id; absent in a send to a group
 * @param content the text, 1-4,000 code points; may be empty or absent when files are
 * attached
 * @param attachmentIds up to 10 ids of the sender's own uploads not sent yet; optional
 * @param conversationId the group written to, instead of a {@code receiverId}
 */
public record SendMessageFrame(String tempId, String receiverId, String content, List<String> attachmentIds,
		String conversationId) implements ClientFrame {

	/** A send to a user without attachments. */
	public SendMessageFrame(String tempId, String receiverId, String content) {
		this(tempId, receiverId, content, null, null);
	}

	/** A send to a user. */
	public SendMessageFrame(String tempId, String receiverId, String content, List<String> attachmentIds) {
		this(tempId, receiverId, content, attachmentIds, null);
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
