package dev.ferry.contracts.conversation;

import java.util.List;

import dev.ferry.contracts.Samples;
import dev.ferry.contracts.event.GroupChanged;
import dev.ferry.contracts.group.Group;
import dev.ferry.contracts.group.GroupChange;
import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.GroupSummary;
import dev.ferry.contracts.group.HistoryVisibility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each change of a group puts on the compacted topic: never the whole group again.
 */
class ConversationRecordTests {

	private static final GroupSummary CREW = new GroupSummary("Crew", HistoryVisibility.ALL, Samples.AT, 1);

	private static final GroupMember BOB = new GroupMember(Samples.BOB, GroupRole.MEMBER, 1);

	@Test
	void aCreationIsTheGroupWithItsMembers() {
		GroupMember alice = new GroupMember(Samples.ALICE, GroupRole.OWNER, 1);

		assertThat(ConversationRecord.ofGroupChange(new GroupChanged(Samples.GROUP, 1, Samples.ALICE,
				GroupChange.CREATED, null, List.of(alice, BOB), CREW)))
			.contains(new ConversationStarted(Samples.GROUP, List.of(Samples.ALICE, Samples.BOB), Samples.AT,
					new Group("Crew", HistoryVisibility.ALL, List.of(alice, BOB), Samples.AT, 1)));
	}

	@Test
	void aRemovalIsThatMembersMembershipEndedAndARenameIsNothing() {
		assertThat(ConversationRecord.ofGroupChange(new GroupChanged(Samples.GROUP, 5, Samples.ALICE,
				GroupChange.MEMBER_REMOVED, Samples.BOB, List.of(BOB), CREW)))
			.contains(new GroupMembership(Samples.GROUP, Samples.BOB, GroupRole.MEMBER, 1, 5L, 5));
		assertThat(ConversationRecord.ofGroupChange(
				new GroupChanged(Samples.GROUP, 6, Samples.ALICE, GroupChange.RENAMED, null, List.of(), CREW)))
			.isEmpty();
	}

}
