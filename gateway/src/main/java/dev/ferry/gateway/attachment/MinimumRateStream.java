package dev.ferry.gateway.attachment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A request body that must keep up a minimum rate: {@code minBytes} per window, and all
 * of it by a deadline. A client that sends one byte every few seconds would otherwise
 * hold its request (and, for a raw upload, a connection to the bucket) open for ever; one
 * that falls behind is cut, and every read from then on fails.
 * <p>
 * The rate is checked when a read returns once a window has passed since the last check:
 * what came before that read must pay for all the time since, a stall included. The
 * read's own bytes arrived at its end, so they count for the next window: a burst that
 * paid for a window, then a stall of a minute, is cut when the stall ends. A body that
 * sends nothing at all never returns a read; the connector's read timeout ends it.
 */
final class MinimumRateStream extends FilterInputStream {

	private final long minBytes;

	private final Duration window;

	private final Instant deadline;

	private final Clock clock;

	private Instant windowStart;

	private long windowBytes;

	private boolean cut;

	MinimumRateStream(InputStream body, long minBytes, Duration window, Instant deadline, Clock clock) {
		super(body);
		this.minBytes = minBytes;
		this.window = window;
		this.deadline = deadline;
		this.clock = clock;
		this.windowStart = clock.instant();
	}

	/** Whether the body was cut for coming too slowly. */
	boolean cut() {
		return this.cut;
	}

	@Override
	public int read() throws IOException {
		requireNotCut();
		int next = super.read();
		arrived((next < 0) ? -1 : 1);
		return next;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		requireNotCut();
		int read = super.read(buffer, offset, length);
		arrived(read);
		return read;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void arrived(int bytes) throws IOException {
		if (bytes < 0) {
			return;
		}
		Instant now = this.clock.instant();
		if (now.isAfter(this.deadline)) {
			throw cutNow();
		}
		Duration elapsed = Duration.between(this.windowStart, now);
		if (elapsed.compareTo(this.window) >= 0) {
			if (this.windowBytes < owedFor(elapsed)) {
				throw cutNow();
			}
			this.windowStart = now;
			this.windowBytes = 0;
		}
		this.windowBytes += bytes;
	}

	/** The fewest bytes that pay for {@code elapsed} at the minimum rate. */
	private long owedFor(Duration elapsed) {
		return this.minBytes * elapsed.toMillis() / this.window.toMillis();
	}

	private void requireNotCut() throws IOException {
		if (this.cut) {
			throw new UploadTooSlowException();
		}
	}

	private UploadTooSlowException cutNow() {
		this.cut = true;
		return new UploadTooSlowException();
	}

	/** The body came too slowly; nothing more is read of it. */
	static final class UploadTooSlowException extends IOException {

		UploadTooSlowException() {
			super("The upload came too slowly and was cut");
		}

	}

}
