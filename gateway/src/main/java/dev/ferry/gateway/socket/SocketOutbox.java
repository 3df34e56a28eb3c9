package dev.ferry.gateway.socket;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The pushes waiting for one socket, written in order by whichever writer thread is free,
 * so a socket that writes slowly holds up only itself. Bounded: a socket whose queue
 * outgrows the send buffer is closed, and resumes with {@code sync}.
 */
final class SocketOutbox {

	private static final Logger logger = LoggerFactory.getLogger(SocketOutbox.class);

	private final WebSocketSession session;

	private final long maxQueuedBytes;

	private final long stallNanos;

	/** When a write last completed, or the outbox last had nothing to write. */
	private volatile long lastProgress = System.nanoTime();

	private final Queue<TextMessage> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicBoolean closing = new AtomicBoolean();

	SocketOutbox(WebSocketSession session, long maxQueuedBytes, Duration stallLimit) {
		this.session = session;
		this.maxQueuedBytes = maxQueuedBytes;
		this.stallNanos = stallLimit.toNanos();
	}

	void offer(TextMessage message, Executor writers) {
		if (this.closing.get()) {
			return;
		}
		if (this.queuedBytes.addAndGet(message.getPayloadLength()) > this.maxQueuedBytes
				&& System.nanoTime() - this.lastProgress > this.stallNanos) {
			// Closing waits for the stuck write to give up: a writer's job, not the
			// caller's.
			closeOnce("more than " + this.maxQueuedBytes + " bytes of pushes waiting and no write completed", writers);
			return;
		}
		if (this.queue.isEmpty()) {
			this.lastProgress = System.nanoTime();
		}
		this.queue.add(message);
		if (this.draining.compareAndSet(false, true)) {
			writers.execute(() -> drain(writers));
		}
	}

	private void drain(Executor writers) {
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
		// A push offered between the last poll and the reset above must not wait for the
		// next one.
		if (!this.queue.isEmpty() && this.draining.compareAndSet(false, true)) {
			writers.execute(() -> drain(writers));
		}
	}

	private void closeOnce(String reason, Executor writers) {
		if (this.closing.compareAndSet(false, true)) {
			this.queue.clear();
			writers.execute(() -> close(reason));
		}
	}

	private void close(String reason) {
		logger.debug("Closing socket {}: {}", this.session.getId(), reason);
		try {
			this.session.close(CloseStatus.SESSION_NOT_RELIABLE);
		}
		catch (IOException ex) {
			// Already gone.
		}
	}

}
