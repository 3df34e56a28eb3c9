package dev.ferry.persistence.write;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/** A member of a conversation. */
record Member(ConversationId conversationId, UserId userId) {
}
