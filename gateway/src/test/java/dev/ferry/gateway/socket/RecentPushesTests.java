package dev.ferry.gateway.socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentPushesTests {

	@Test
	void aPushIdIsNewOnlyTheFirstTime() {
		RecentPushes recent = new RecentPushes(3);

		assertThat(recent.firstTime("a")).isTrue();
		assertThat(recent.firstTime("b")).isTrue();
		assertThat(recent.firstTime("a")).isFalse();
		assertThat(recent.firstTime("b")).isFalse();
	}

	@Test
	void theOldestIdIsForgottenOncePastCapacity() {
		RecentPushes recent = new RecentPushes(3);
		recent.firstTime("a");
		recent.firstTime("b");
		recent.firstTime("c");

		assertThat(recent.firstTime("d")).isTrue();

		assertThat(recent.firstTime("a")).isTrue();
		assertThat(recent.firstTime("c")).isFalse();
		assertThat(recent.firstTime("d")).isFalse();
	}

}
