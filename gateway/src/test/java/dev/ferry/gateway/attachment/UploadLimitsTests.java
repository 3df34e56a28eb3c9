package dev.ferry.gateway.attachment;

import java.time.Instant;

import dev.ferry.gateway.attachment.UploadLimits.UnsentUploads;
import dev.ferry.gateway.system.RateLimitedException;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UploadLimitsTests {

	private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

	private final UploadLimits limits = new UploadLimits(DefaultAttachmentSettings.get());

	@Test
	void anUploadWithinEveryLimitStarts() {
		assertThatCode(() -> this.limits.check(new UnsentUploads(19, 3, 100, NOW.plusSeconds(60)),
				DataSize.ofMegabytes(200).toBytes() - 100, NOW))
			.doesNotThrowAnyException();
	}

	@Test
	void theTwentiethUnsentUploadIsTheLastAndTheRefusalSaysWhenTheFirstExpires() {
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limits.check(new UnsentUploads(20, 0, 20, NOW.plusMillis(90_500)), 1, NOW))
			.satisfies((ex) -> {
				assertThat(ex.code().code()).isEqualTo("upload_quota_exceeded");
				assertThat(ex.retryAfterSeconds()).isEqualTo(91L);
			});
	}

	@Test
	void bytesPastTheQuotaAreRefusedCountingWhatTheUploadDeclares() {
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limits.check(new UnsentUploads(1, 1, 100, null),
					DataSize.ofMegabytes(200).toBytes() - 99, NOW))
			.satisfies((ex) -> {
				assertThat(ex.code().code()).isEqualTo("upload_quota_exceeded");
				assertThat(ex.retryAfterSeconds()).isEqualTo(5L);
			});
	}

	@Test
	void aFifthUploadInFlightIsRateLimited() {
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> this.limits.check(new UnsentUploads(4, 4, 40, null), 10, NOW))
			.satisfies((ex) -> {
				assertThat(ex.code().code()).isEqualTo("rate_limited");
				assertThat(ex.retryAfterSeconds()).isEqualTo(5L);
			});
	}

}
