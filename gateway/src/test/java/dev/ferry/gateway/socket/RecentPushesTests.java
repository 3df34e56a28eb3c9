package dev.ferry.gateway.socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentPushesTests {

	@Test
	void aNewPushIsDueToEverySocket() {
		RecentPushes recent = new RecentPushes(3);

		assertThat(recent.dueAfter("a", 5)).isZero();
		assertThat(recent.dueAfter("b", 7)).isZero();
	}

	@Test
	void aRepeatIsDueOnlyToTheSocketsOpenedSinceItsLastCopy() {
		RecentPushes recent = new RecentPushes(3);
		recent.dueAfter("a", 5);

		assertThat(recent.dueAfter("a", 5)).isEqualTo(5);
		assertThat(recent.dueAfter("a", 9)).isEqualTo(5);
		assertThat(recent.dueAfter("a", 9)).isEqualTo(9);
	}

	@Test
	void theOldestIdIsForgottenOncePastCapacity() {
		RecentPushes recent = new RecentPushes(3);
		recent.dueAfter("a", 1);
		recent.dueAfter("b", 2);
		recent.dueAfter("c", 3);

		assertThat(recent.dueAfter("d", 4)).isZero();

		assertThat(recent.dueAfter("a", 5)).isZero();
		assertThat(recent.dueAfter("c", 5)).isEqualTo(3);
		assertThat(recent.dueAfter("d", 5)).isEqualTo(4);
	}

}
