package dev.ferry.persistence.write;

import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.event.ChatEvent;

/**
 * A command applied by a batch, for the log of applied commands.
 *
 * @param commandId the command's event id
 * @param conversationId its conversation
 * @param events what it produced (possibly nothing)
 */
record AppliedCommand(UUID commandId, UUID conversationId, List<Envelope<ChatEvent>> events) {
}
