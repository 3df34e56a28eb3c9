package dev.ferry.contracts.group;

import dev.ferry.contracts.id.UserId;

/**
 * A member of a group.
 *
 * @param userId the user
 * @param role what they may do
 * @param joinedAtSeq the conversation seq of the change that added them (that of the
 * group's creation for its first members): with {@code SINCE_JOIN} history they read the
 * messages after it
 */
public record GroupMember(UserId userId, GroupRole role, long joinedAtSeq) {
}
