package dev.ferry.gateway.socket;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.ferry.contracts.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Everything one socket is sent, replies and pushes alike, written in order by whichever
 * writer thread is free: the only writer of its socket, so no thread that reads frames,
 * pushes or Kafka acknowledgements ever waits for a client. Bounded: a socket whose queue
 * outgrows the send buffer while no write completes is closed, and resumes with
 * {@code sync}.
 */
final class SocketOutbox {

	private static final Logger logger = LoggerFactory.getLogger(SocketOutbox.class);

	private final WebSocketSession session;

	private final UserId user;

	private final Executor writers;

	private final long maxQueuedBytes;

	private final long stallNanos;

	/** When a write last completed, or the outbox last had nothing to write. */
	private volatile long lastProgress = System.nanoTime();

	private final Queue<TextMessage> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicBoolean closing = new AtomicBoolean();

	SocketOutbox(WebSocketSession session, UserId user, Executor writers, long maxQueuedBytes, Duration stallLimit) {
		this.session = session;
		this.user = user;
		this.writers = writers;
		this.maxQueuedBytes = maxQueuedBytes;
		this.stallNanos = stallLimit.toNanos();
	}

	WebSocketSession session() {
		return this.session;
	}

	UserId user() {
		return this.user;
	}

	/** Queues a frame; never blocks. */
	void offer(TextMessage message) {
		if (this.closing.get()) {
			return;
		}
		if (this.queuedBytes.addAndGet(message.getPayloadLength()) > this.maxQueuedBytes
				&& System.nanoTime() - this.lastProgress > this.stallNanos) {
			// Closing waits for the stuck write to give up: a writer's job, not the
			// caller's.
			closeOnce("more than " + this.maxQueuedBytes + " bytes of frames waiting and no write completed");
			return;
		}
		if (this.queue.isEmpty()) {
			this.lastProgress = System.nanoTime();
		}
		this.queue.add(message);
		if (this.draining.compareAndSet(false, true)) {
			this.writers.execute(this::drain);
		}
	}

	private void drain() {
		for (TextMessage message = this.queue.poll(); message != null; message = this.queue.poll()) {
			this.queuedBytes.addAndGet(-message.getPayloadLength());
			try {
				this.session.sendMessage(message);
				this.lastProgress = System.nanoTime();
			}
			catch (IOException | RuntimeException ex) {
				this.closing.set(true);
				this.queue.clear();
				close(ex.getMessage());
			}
		}
		this.draining.set(false);
		// A frame offered between the last poll and the reset above must not wait for the
		// next one.
		if (!this.queue.isEmpty() && this.draining.compareAndSet(false, true)) {
			this.writers.execute(this::drain);
		}
	}

	/**
	 * Closes the socket with a status, dropping what waits; a writer does it, since a
	 * close waits for a write in progress.
	 */
	void close(CloseStatus status) {
		if (this.closing.compareAndSet(false, true)) {
			this.queue.clear();
			this.writers.execute(() -> close(status, status.getReason()));
		}
	}

	private void closeOnce(String reason) {
		if (this.closing.compareAndSet(false, true)) {
			this.queue.clear();
			this.writers.execute(() -> close(CloseStatus.SESSION_NOT_RELIABLE, reason));
		}
	}

	private void close(String reason) {
		close(CloseStatus.SESSION_NOT_RELIABLE, reason);
	}

	private void close(CloseStatus status, String reason) {
		logger.debug("Closing socket {}: {}", this.session.getId(), reason);
		try {
			this.session.close(status);
		}
		catch (IOException ex) {
			// Already gone.
		}
	}

}
