package dev.ferry.persistence.write;

import java.util.Map;

/**
 * Human-readable reasons for the protocol's error codes when the pipeline refuses a
 * command.
 */
final class Rejections {

	private static final Map<String, String> REASONS = Map.of("not_found",
			"No such message in this conversation for this user", "forbidden",
			"Only the sender may edit or delete a message, and only its receiver may report it", "message_deleted",
			"The message was deleted", "content_empty", "Content is empty or only whitespace or invisible characters",
			"content_too_long", "Content is longer than 4000 code points", "unknown_receiver",
			"No such receiver, or the sender themself", "invalid_field",
			"A field is missing or malformed (tempId, content, conversationId, status or upToSeq)");

	private Rejections() {
	}

	static String reason(String code) {
		return REASONS.getOrDefault(code, code);
	}

}
