package dev.ferry.contracts.group;

/**
 * How far a group's message got: counted from the members' receipt marks, never stored
 * per message.
 *
 * @param deliveredTo the members whose delivered mark reached it
 * @param readBy the members whose read mark reached it
 * @param members the members who can read it: those in the group now, its sender
 * excluded, who joined before it (or all, where the group shows its whole history)
 */
public record ReceiptCounts(int deliveredTo, int readBy, int members) {
}
