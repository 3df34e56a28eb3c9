package dev.ferry.persistence.write;

import java.time.Instant;
import java.util.Map;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.command.InboundCommand;
import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.ChatEvent;
import dev.ferry.contracts.message.MessageRules;

/**
 * Human-readable reasons for the protocol's error codes when the pipeline refuses a
 * command.
 */
final class Rejections {

	private static final Map<ErrorCode, String> REASONS = Map.of(ErrorCode.NOT_FOUND,
			"No such message in this conversation for this user", ErrorCode.FORBIDDEN,
			"Only the sender may edit or delete a message, and only its receiver may report it",
			ErrorCode.MESSAGE_DELETED, "The message was deleted", ErrorCode.CONTENT_EMPTY,
			MessageRules.reasonFor(ErrorCode.CONTENT_EMPTY), ErrorCode.CONTENT_TOO_LONG,
			MessageRules.reasonFor(ErrorCode.CONTENT_TOO_LONG), ErrorCode.UNKNOWN_RECEIVER,
			"No such receiver, or the sender themself", ErrorCode.INVALID_FIELD,
			"A field is missing or malformed (tempId, content, conversationId, status or upToSeq)");

	private Rejections() {
	}

	static String reason(ErrorCode code) {
		return REASONS.getOrDefault(code, code.code());
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
				command.payload().rejected(ErrorCode.UNPROCESSABLE, "The command could not be applied: " + why), at);
	}

}
