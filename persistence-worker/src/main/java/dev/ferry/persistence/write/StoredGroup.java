package dev.ferry.persistence.write;

import java.time.Instant;
import java.util.Map;

import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.UserId;

/**
 * A group as a poll read it.
 *
 * @param title its title
 * @param history which messages its members read
 * @param createdAt when it was created
 * @param memberships the rows read: every member's and former member's for a group the
 * poll changes, only those of the users it sends or edits as for the others
 */
record StoredGroup(String title, HistoryVisibility history, Instant createdAt, Map<UserId, Membership> memberships) {
}
