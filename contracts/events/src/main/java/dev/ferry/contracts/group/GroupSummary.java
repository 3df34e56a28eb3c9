package dev.ferry.contracts.group;

import java.time.Instant;

/**
 * A group as one of its changes left it, without its members: what every change tells
 * each member in a few hundred bytes, whatever the group's size. Its members are read
 * with {@code GET /conversations/:id/members}.
 *
 * @param title its title, 1-200 code points
 * @param history which messages its members read
 * @param createdAt when it was created
 * @param changedSeq the conversation seq of that change
 */
public record GroupSummary(String title, HistoryVisibility history, Instant createdAt, long changedSeq) {
}
