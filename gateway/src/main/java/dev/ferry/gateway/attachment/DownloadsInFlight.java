package dev.ferry.gateway.attachment;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.system.RateLimitedException;

import org.springframework.stereotype.Component;

/**
 * The downloads each user has in flight on this node, capped: a download (a file or a
 * preview) holds one of the S3 client's connections for as long as its client takes to
 * read it, so a user with many slow downloads would hold the connections everyone's
 * uploads and downloads need. Counted in memory, per node, as the socket cap is; a
 * download's place is given back when its answer ends, however it ends.
 */
@Component
class DownloadsInFlight {

	/**
	 * When to try again past the cap: the user's own downloads end whenever their clients
	 * have read them.
	 */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final int max;

	private final Map<UserId, Integer> counts = new ConcurrentHashMap<>();

	DownloadsInFlight(AttachmentSettings settings) {
		this.max = settings.maxDownloadsInFlight();
	}

	/**
	 * Starts a download of the user's.
	 * @return the download, to close when its answer ends
	 * @throws RateLimitedException 429 {@code rate_limited} if the user has as many in
	 * flight as they may
	 */
	Download start(UserId user) {
		boolean[] started = { false };
		this.counts.compute(user, (key, count) -> {
			int inFlight = (count != null) ? count : 0;
			if (inFlight >= this.max) {
				return count;
			}
			started[0] = true;
			return inFlight + 1;
		});
		if (!started[0]) {
			throw new RateLimitedException("At most " + this.max + " downloads at once; wait for one to end",
					RETRY_AFTER);
		}
		return new Download(user);
	}

	private void end(UserId user) {
		this.counts.computeIfPresent(user, (key, count) -> (count > 1) ? count - 1 : null);
	}

	/** A download in flight, until it is closed. */
	final class Download implements AutoCloseable {

		private final UserId user;

		private Download(UserId user) {
			this.user = user;
		}

		@Override
		public void close() {
			end(this.user);
		}

	}

}
