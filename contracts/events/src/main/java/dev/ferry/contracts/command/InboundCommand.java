package dev.ferry.contracts.command;

import dev.ferry.contracts.envelope.Payload;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * A client command the gateway accepted, on its way to the persistence worker.
 */
public sealed interface InboundCommand extends Payload permits SendMessage, EditMessage, DeleteMessage, ReportStatus {

	/** The conversation the command changes; the record key. */
	ConversationId conversationId();

	/** The authenticated user who issued the command. */
	UserId actorId();

}
