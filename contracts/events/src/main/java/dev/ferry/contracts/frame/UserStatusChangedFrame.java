package dev.ferry.contracts.frame;

import java.time.Instant;

import dev.ferry.contracts.id.UserId;

/**
 * {@code user-status-changed}: a contact came online or went offline.
 *
 * @param userId the contact
 * @param online whether any socket of theirs is open
 * @param lastSeenAt when they were last seen
 */
public record UserStatusChangedFrame(UserId userId, boolean online, Instant lastSeenAt) implements ServerFrame {
}
