package dev.ferry.persistence.write;

import java.time.Instant;
import java.util.Map;

import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.ChatEvent;

/**
 * Human-readable reasons for the protocol's error codes when the pipeline refuses a
 * command.
 */
final class Rejections {

	/**
	 * The code of a readable command the pipeline could not apply; the command itself
	 * goes to the dead-letter topic.
	 */
	static final String UNPROCESSABLE = "unprocessable";

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

	/**
	 * The refusal of a command that could not be applied, with the same event id however
	 * often the command is processed.
	 * @param command the command
	 * @param why what went wrong, for the sender and for operators
	 * @param at when it was refused
	 */
	static Envelope<ChatEvent> unprocessable(Envelope<InboundCommand> command, String why, Instant at) {
		return Envelope.of(EventIds.causedBy("MessageRejected", command.eventId()),
				command.payload().rejected(UNPROCESSABLE, "The command could not be applied: " + why), at);
	}

}
