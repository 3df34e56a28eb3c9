package dev.ferry.contracts.frame;

import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;

/**
 * {@code typing} from the server: the peer started or stopped typing.
 *
 * @param conversationId the conversation
 * @param userId who types
 * @param typing whether typing
 */
public record PeerTypingFrame(ConversationId conversationId, UserId userId, boolean typing) implements ServerFrame {
}
