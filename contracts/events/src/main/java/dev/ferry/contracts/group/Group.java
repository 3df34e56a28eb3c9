package dev.ferry.contracts.group;

import java.time.Instant;
import java.util.List;

/**
 * A group conversation as one of its changes left it.
 *
 * @param title its title, 1-200 code points
 * @param history which messages its members read
 * @param members its members, in the order they joined
 * @param createdAt when it was created
 * @param changedSeq the conversation seq of that change
 */
public record Group(String title, HistoryVisibility history, List<GroupMember> members, Instant createdAt,
		long changedSeq) {

	public Group {
		members = List.copyOf(members);
	}

}
