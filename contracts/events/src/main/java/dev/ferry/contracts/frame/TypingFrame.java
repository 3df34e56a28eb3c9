package dev.ferry.contracts.frame;

/**
 * {@code typing} from a client: it started or stopped typing to a peer; names either the
 * conversation or the receiver.
 *
 * @param conversationId the conversation, or {@code null}
 * @param receiverId the peer, or {@code null}
 * @param typing whether typing
 */
public record TypingFrame(String conversationId, String receiverId, Boolean typing) implements ClientFrame {

	@Override
	public String ref() {
		return null;
	}

	@Override
	public <R> R accept(Visitor<R> visitor) {
		return visitor.typing(this);
	}

}
