package dev.ferry.delivery.group;

import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.group.GroupMember;
import dev.ferry.contracts.group.GroupRole;
import dev.ferry.contracts.group.HistoryVisibility;
import dev.ferry.contracts.id.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group's members folded from records that may come in any order between the topic's
 * partitions and the events: for each member the change with the highest seq wins.
 */
class RosterEntryTests {

	private static final UserId ALICE = new UserId(UUID.randomUUID());

	private static final UserId BOB = new UserId(UUID.randomUUID());

	private static final UserId CAROL = new UserId(UUID.randomUUID());

	private final RosterEntry entry = new RosterEntry();

	@Test
	void aGroupIsNotKnownUntilItsWholeRecordIs() {
		this.entry.seat(CAROL, 4, null, 4);

		assertThat(this.entry.members()).isNull();
	}

	@Test
	void aRemovalNewerThanTheWholeGroupWinsWhicheverCameFirst() {
		this.entry.seat(BOB, 1, 5L, 5);
		this.entry.whole(HistoryVisibility.SINCE_JOIN,
				List.of(new GroupMember(ALICE, GroupRole.OWNER, 1), new GroupMember(BOB, GroupRole.MEMBER, 1)), 1);
		this.entry.seat(CAROL, 6, null, 6);

		assertThat(this.entry.members().current()).containsExactly(ALICE, CAROL);
		assertThat(this.entry.members().readersOf(7, 7)).containsExactly(ALICE, CAROL);
	}

	@Test
	void aMemberRemovedStillReadsWhatCameBeforeTheRemovalWhenItIsRoutedAfterIt() {
		this.entry.whole(HistoryVisibility.SINCE_JOIN,
				List.of(new GroupMember(ALICE, GroupRole.OWNER, 1), new GroupMember(BOB, GroupRole.MEMBER, 1)), 1);
		this.entry.seat(BOB, 1, 5L, 5);

		assertThat(this.entry.members().readersOf(3, 3)).containsExactly(ALICE, BOB);
		// An edit at 6 of that message comes after the removal.
		assertThat(this.entry.members().readersOf(3, 6)).containsExactly(ALICE);
	}

	@Test
	void aNewerWholeGroupRemovesTheMembersItNoLongerLists() {
		this.entry.whole(HistoryVisibility.ALL,
				List.of(new GroupMember(ALICE, GroupRole.OWNER, 1), new GroupMember(BOB, GroupRole.MEMBER, 1)), 1);
		this.entry.seat(CAROL, 9, null, 9);
		this.entry.whole(HistoryVisibility.ALL, List.of(new GroupMember(ALICE, GroupRole.OWNER, 1)), 7);

		assertThat(this.entry.members().current()).containsExactly(ALICE, CAROL);
		// Bob left by 7, when is not known: he reads nothing the router meets from here
		// on.
		assertThat(this.entry.members().readersOf(2, 2)).containsExactly(ALICE);
		assertThat(this.entry.members().readersOf(2, 10)).containsExactly(ALICE, CAROL);
	}

}
