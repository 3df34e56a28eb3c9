package dev.ferry.gateway.attachment;

import java.time.Duration;
import java.time.Instant;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.gateway.system.RateLimitedException;

/**
 * Whether a user may start one more upload, from what they have unsent: uploads in flight
 * count against the quota of uploads waiting to be sent (in number and in bytes) from the
 * moment they start, and against a cap of their own.
 */
final class UploadLimits {

	/**
	 * When to try again past the cap of uploads in flight: the user's own uploads end
	 * whenever their bodies do.
	 */
	static final Duration IN_FLIGHT_RETRY = Duration.ofSeconds(5);

	private final int maxUnsent;

	private final long maxUnsentBytes;

	private final int maxInFlight;

	UploadLimits(AttachmentSettings settings) {
		this.maxUnsent = settings.maxPending();
		this.maxUnsentBytes = settings.maxPendingBytes().toBytes();
		this.maxInFlight = settings.maxInFlight();
	}

	/**
	 * Checks an upload of {@code bytes} (at most) about to start.
	 * @throws RateLimitedException 429 {@code upload_quota_exceeded} past the quota, with
	 * the time until the first upload waiting to be sent expires (the earliest a retry
	 * could pass, not one that surely will); 429 {@code rate_limited} past the uploads in
	 * flight
	 */
	void check(UnsentUploads unsent, long bytes, Instant now) {
		if (unsent.count() >= this.maxUnsent) {
			throw overQuota(unsent, now, "At most " + this.maxUnsent + " uploads may wait to be sent");
		}
		if (unsent.bytes() + bytes > this.maxUnsentBytes) {
			throw overQuota(unsent, now, "The files waiting to be sent may hold at most " + this.maxUnsentBytes
					+ " bytes; " + unsent.bytes() + " are taken");
		}
		if (unsent.inFlight() >= this.maxInFlight) {
			throw new RateLimitedException("At most " + this.maxInFlight + " uploads at once; wait for one to end",
					IN_FLIGHT_RETRY);
		}
	}

	private static RateLimitedException overQuota(UnsentUploads unsent, Instant now, String what) {
		// The soonest the quota frees by itself: uploads in flight turn pending or end
		// when their bodies do, a pending one at its expiry. That frees a place; of the
		// bytes, only that upload's, which may not be enough for this one.
		Duration wait = (unsent.firstExpiry() != null) ? Duration.between(now, unsent.firstExpiry()) : IN_FLIGHT_RETRY;
		return new RateLimitedException(ErrorCode.UPLOAD_QUOTA_EXCEEDED,
				what + "; send them, withdraw one (DELETE /attachments/ID) or wait for one to expire", wait);
	}

	/**
	 * A user's uploads not sent: in flight, or waiting to be sent and not expired.
	 *
	 * @param count how many, in flight or waiting
	 * @param inFlight how many in flight
	 * @param bytes their bytes (an upload in flight counts with what it declared)
	 * @param firstExpiry when the first of those waiting expires, or {@code null} if none
	 * waits
	 */
	record UnsentUploads(int count, int inFlight, long bytes, Instant firstExpiry) {
	}

}
