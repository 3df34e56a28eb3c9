package dev.ferry.gateway.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;

import dev.ferry.infra.test.MovingClock;
import dev.ferry.gateway.attachment.MinimumRateStream.UploadTooSlowException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MinimumRateStreamTests {

	private final MovingClock clock = new MovingClock(Instant.parse("2026-12-08T10:00:00Z"));

	/** At least 100 bytes every 10 s; done within 55 s. */
	private MinimumRateStream paced(InputStream body) {
		return new MinimumRateStream(body, 100, Duration.ofSeconds(10), this.clock.instant().plusSeconds(55),
				this.clock);
	}

	@Test
	void aBodyThatKeepsUpIsReadWhole() throws IOException {
		MinimumRateStream body = paced(new ByteArrayInputStream(new byte[300]));
		byte[] buffer = new byte[100];

		for (int window = 0; window < 3; window++) {
			assertThat(body.read(buffer)).isEqualTo(100);
			this.clock.pass(Duration.ofSeconds(10));
		}

		assertThat(body.read(buffer)).isEqualTo(-1);
		assertThat(body.cut()).isFalse();
	}

	@Test
	void aBodyThatBringsTooLittleInAWindowIsCutAndStaysCut() throws IOException {
		MinimumRateStream body = paced(new ByteArrayInputStream(new byte[300]));
		for (int second = 0; second < 9; second++) {
			assertThat(body.read()).isZero();
			this.clock.pass(Duration.ofSeconds(1));
		}
		this.clock.pass(Duration.ofSeconds(1));

		assertThatExceptionOfType(UploadTooSlowException.class).isThrownBy(body::read);
		assertThat(body.cut()).isTrue();
		assertThatExceptionOfType(UploadTooSlowException.class).isThrownBy(() -> body.read(new byte[10]));
	}

	/**
	 * A window's worth at once, then silence: the read that ends the silence finds that
	 * what came before it did not pay for the time passed, and its own bytes do not count
	 * for the window that ran out.
	 */
	@Test
	void aBurstThenAStallIsCutWhenTheStallEnds() throws IOException {
		MinimumRateStream body = paced(new ByteArrayInputStream(new byte[1_000]));
		assertThat(body.read(new byte[160])).isEqualTo(160);
		this.clock.pass(Duration.ofSeconds(29));

		assertThatExceptionOfType(UploadTooSlowException.class).isThrownBy(() -> body.read(new byte[160]));
		assertThat(body.cut()).isTrue();
	}

	/** What came ahead of time pays for a pause, as long as it covers all of it. */
	@Test
	void aPauseThatWhatCameBeforePaysForIsNotCut() throws IOException {
		MinimumRateStream body = paced(new ByteArrayInputStream(new byte[1_000]));
		assertThat(body.read(new byte[300])).isEqualTo(300);
		this.clock.pass(Duration.ofSeconds(30));

		assertThat(body.read(new byte[100])).isEqualTo(100);
		assertThat(body.cut()).isFalse();
	}

	@Test
	void aBodyNotDoneByItsDeadlineIsCutWhateverItsRate() throws IOException {
		MinimumRateStream body = paced(new ByteArrayInputStream(new byte[10_000]));
		for (int window = 0; window < 6; window++) {
			assertThat(body.read(new byte[200])).isEqualTo(200);
			this.clock.pass(Duration.ofSeconds(10));
		}

		assertThatExceptionOfType(UploadTooSlowException.class).isThrownBy(() -> body.read(new byte[200]));
	}

}
