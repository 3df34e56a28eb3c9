package dev.ferry.contracts.frame;

import java.util.List;

/**
 * {@code sync-complete}: the replay is over; lists every conversation of the caller.
 *
 * @param conversations each conversation's last seq and unread count
 */
public record SyncCompleteFrame(List<ConversationPosition> conversations) implements ServerFrame {
}
