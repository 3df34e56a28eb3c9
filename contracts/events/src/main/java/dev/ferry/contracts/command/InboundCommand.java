package dev.ferry.contracts.command;

import java.util.List;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.event.MessageRejected;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * A client command the gateway accepted, on its way to the persistence worker.
 */
public sealed interface InboundCommand extends Payload
		permits SendMessage, EditMessage, DeleteMessage, ReportStatus, CreateGroup, ChangeGroup {

	/** The conversation the command changes; the record key. */
	ConversationId conversationId();

	/** The authenticated user who issued the command. */
	UserId actorId();

	/**
	 * The text the client wrote (a temp id, a content): what the database must be able to
	 * store.
	 */
	List<String> clientTexts();

	/**
	 * The event that refuses this command: it names the send's temp id, or the message an
	 * edit, delete or receipt is about.
	 * @param code the protocol's error code
	 * @param reason a human-readable explanation
	 */
	MessageRejected rejected(ErrorCode code, String reason);

	@Override
	default String recordKey() {
		return conversationId().toString();
	}

	/**
	 * Hands this command to the visitor's method for its type. Every command type
	 * implements it, so a new type does not compile until every visitor handles it.
	 */
	<R> R accept(Visitor<R> visitor);

	/**
	 * What to do with each type of command.
	 *
	 * @param <R> what each method returns
	 */
	interface Visitor<R> {

		R send(SendMessage command);

		R edit(EditMessage command);

		R delete(DeleteMessage command);

		R report(ReportStatus command);

		R createGroup(CreateGroup command);

		R changeGroup(ChangeGroup command);

	}

}
