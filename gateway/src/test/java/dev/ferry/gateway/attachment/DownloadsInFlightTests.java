package dev.ferry.gateway.attachment;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.attachment.DownloadsInFlight.Download;
import dev.ferry.gateway.system.RateLimitedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DownloadsInFlightTests {

	private final DownloadsInFlight downloads = new DownloadsInFlight(DefaultAttachmentSettings.get());

	private final UserId alice = new UserId(UUID.randomUUID());

	private final UserId bob = new UserId(UUID.randomUUID());

	@Test
	void theNinthDownloadOfAUserIsRateLimitedOthersAreNot() {
		List<Download> eight = startEight(this.alice);

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> this.downloads.start(this.alice))
			.satisfies((ex) -> {
				assertThat(ex.code().code()).isEqualTo("rate_limited");
				assertThat(ex.retryAfterSeconds()).isEqualTo(5L);
				assertThat(ex.getMessage()).isEqualTo("At most 8 downloads at once; wait for one to end");
			});
		assertThatCode(() -> this.downloads.start(this.bob)).doesNotThrowAnyException();
		eight.forEach(Download::close);
	}

	@Test
	void aDownloadThatEndsGivesItsPlaceBack() {
		List<Download> eight = startEight(this.alice);

		eight.get(3).close();

		assertThatCode(() -> this.downloads.start(this.alice)).doesNotThrowAnyException();
		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> this.downloads.start(this.alice));
	}

	@Test
	void everyPlaceComesBackOnceAllEnd() {
		startEight(this.alice).forEach(Download::close);

		startEight(this.alice);

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> this.downloads.start(this.alice));
	}

	private List<Download> startEight(UserId user) {
		List<Download> started = new ArrayList<>();
		for (int download = 0; download < 8; download++) {
			started.add(this.downloads.start(user));
		}
		return started;
	}

}
