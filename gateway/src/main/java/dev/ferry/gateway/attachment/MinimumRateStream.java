package dev.ferry.gateway.attachment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A request body that must keep up a minimum rate: at least {@code minBytes} in every
 * window from when it is opened, and all of it by a deadline. A client that sends one
 * byte every few seconds would otherwise hold its request (and, for a raw upload, a
 * connection to the bucket) open for ever; one that falls behind is cut, and every read
 * from then on fails.
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
		this.windowBytes += bytes;
		if (now.isAfter(this.deadline)) {
			throw cutNow();
		}
		if (!now.isBefore(this.windowStart.plus(this.window))) {
			if (this.windowBytes < this.minBytes) {
				throw cutNow();
			}
			this.windowStart = now;
			this.windowBytes = 0;
		}
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
