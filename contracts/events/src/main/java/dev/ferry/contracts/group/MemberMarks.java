package dev.ferry.contracts.group;

import dev.ferry.contracts.id.UserId;

/**
 * A group member's receipt marks, as counting a message's receipts needs them.
 *
 * @param userId the member
 * @param joinedAtSeq the seq of the change that added them
 * @param deliveredUpToSeq how far they received the group's messages
 * @param readUpToSeq how far they read them
 */
public record MemberMarks(UserId userId, long joinedAtSeq, long deliveredUpToSeq, long readUpToSeq) {
}
