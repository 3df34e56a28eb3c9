package dev.ferry.contracts.group;

import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.id.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptCountsTests {

	private final UserId sender = new UserId(UUID.randomUUID());

	private final List<MemberMarks> members = List.of(new MemberMarks(this.sender, 1, 0, 0),
			new MemberMarks(new UserId(UUID.randomUUID()), 1, 9, 5),
			new MemberMarks(new UserId(UUID.randomUUID()), 1, 5, 5),
			new MemberMarks(new UserId(UUID.randomUUID()), 6, 9, 9));

	@Test
	void countsTheMembersWhoReadTheMessageItsSenderExcluded() {
		assertThat(ReceiptCounts.of(5, this.sender, HistoryVisibility.SINCE_JOIN, this.members))
			.isEqualTo(new ReceiptCounts(2, 2, 2));
		assertThat(ReceiptCounts.of(7, this.sender, HistoryVisibility.SINCE_JOIN, this.members))
			.isEqualTo(new ReceiptCounts(2, 1, 3));
	}

	@Test
	void aGroupShowingItsWholeHistoryCountsMembersWhoJoinedLater() {
		assertThat(ReceiptCounts.of(5, this.sender, HistoryVisibility.ALL, this.members))
			.isEqualTo(new ReceiptCounts(3, 3, 3));
	}

}
