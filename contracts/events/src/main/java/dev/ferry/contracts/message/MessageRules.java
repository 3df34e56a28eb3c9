package dev.ferry.contracts.message;

/**
 * The protocol's rules for what a client may send, shared by the gateway (which answers
 * with an error) and the persistence worker (which never trusts its input).
 */
public final class MessageRules {

	/** Most Unicode code points in a message. */
	public static final int MAX_CONTENT_CODE_POINTS = 4000;

	/** Most characters in a client's temp id. */
	public static final int MAX_TEMP_ID_LENGTH = 64;

	private MessageRules() {
	}

	/**
	 * Checks message content.
	 * @return the protocol error code ({@code content_empty}, {@code content_too_long}),
	 * or {@code null} when the content is acceptable
	 */
	public static String contentError(String content) {
		if (content == null || content.isBlank()) {
			return "content_empty";
		}
		if (content.codePointCount(0, content.length()) > MAX_CONTENT_CODE_POINTS) {
			return "content_too_long";
		}
		return null;
	}

	/** Whether a client's temp id has the allowed form: 1 to 64 characters. */
	public static boolean isValidTempId(String tempId) {
		return tempId != null && !tempId.isEmpty() && tempId.length() <= MAX_TEMP_ID_LENGTH;
	}

}
