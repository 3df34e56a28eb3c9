package dev.ferry.gateway.socket;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.ferry.contracts.id.UserId;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Everything one socket is sent, replies and pushes alike, in order. Frames are sent
 * asynchronously, one at a time: a writer thread starts a send and is free again at once
 * if the client cannot take it yet; the send's completion starts the next. So no thread
 * that reads frames, pushes or Kafka acknowledgements, and no writer, ever waits for a
 * client: a socket that stops reading delays only itself. Bounded: a socket whose queue
 * outgrows the send buffer while no send completes is closed (as is one whose send takes
 * longer than the send time limit), and resumes with {@code sync}.
 */
final class SocketOutbox {

	private static final Logger logger = LoggerFactory.getLogger(SocketOutbox.class);

	private final WebSocketSession session;

	private final RemoteEndpoint.Async remote;

	private final UserId user;

	private final SocketWriters writers;

	private final long maxQueuedBytes;

	private final long stallNanos;

	/** When a send last completed, or the outbox last had nothing to send. */
	private volatile long lastProgress = System.nanoTime();

	private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	/** Whether a writer drains the queue or a send is in flight. */
	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicBoolean closing = new AtomicBoolean();

	/**
	 * Which socket of this node this is, in the order they opened; above every number
	 * until {@link LocalSessions} numbers it.
	 */
	private volatile long ordinal = Long.MAX_VALUE;

	SocketOutbox(WebSocketSession session, UserId user, SocketWriters writers, long maxQueuedBytes,
			Duration stallLimit) {
		this.session = session;
		this.remote = asyncRemote(session, stallLimit);
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

	long ordinal() {
		return this.ordinal;
	}

	void numbered(long ordinal) {
		this.ordinal = ordinal;
	}

	/** The bytes of frames waiting to be sent. */
	long queuedBytes() {
		return this.queuedBytes.get();
	}

	/** Queues a frame; never blocks. */
	void offer(TextMessage message) {
		offer(message, null);
	}

	/**
	 * Queues a frame; never blocks.
	 * @param written what to do once the frame is written, or {@code null}
	 */
	void offer(TextMessage message, Runnable written) {
		if (this.closing.get()) {
			return;
		}
		if (this.queuedBytes.addAndGet(message.getPayloadLength()) > this.maxQueuedBytes
				&& System.nanoTime() - this.lastProgress > this.stallNanos) {
			close(CloseStatus.SESSION_NOT_RELIABLE,
					"more than " + this.maxQueuedBytes + " bytes of frames waiting and no send completed");
			return;
		}
		if (this.queue.isEmpty()) {
			this.lastProgress = System.nanoTime();
		}
		this.queue.add(new Outgoing(message, written));
		if (this.draining.compareAndSet(false, true)) {
			this.writers.execute(this::drain);
		}
	}

	/**
	 * Closes the socket with a status, dropping what waits. A close waits for a send in
	 * flight, so the writers' closer does it, never a writer.
	 */
	void close(CloseStatus status) {
		close(status, status.getReason());
	}

	/** Sends frames for as long as each send completes at once. */
	private void drain() {
		for (Outgoing frame = this.queue.poll(); frame != null; frame = this.queue.poll()) {
			this.queuedBytes.addAndGet(-frame.message().getPayloadLength());
			if (!sentAtOnce(frame)) {
				// Its completion drains on.
				return;
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
	 * Starts sending a frame. Whichever comes second, this method's return or the send's
	 * completion, goes on with the next frame: the method if the send completed at once,
	 * else the completion, on a writer.
	 */
	private boolean sentAtOnce(Outgoing frame) {
		AtomicBoolean handedOver = new AtomicBoolean();
		try {
			this.remote.sendText(frame.message().getPayload(), (result) -> {
				if (!result.isOK()) {
					failed(result.getException());
					return;
				}
				this.lastProgress = System.nanoTime();
				if (frame.written() != null) {
					frame.written().run();
				}
				if (!handedOver.compareAndSet(false, true)) {
					this.writers.execute(this::drain);
				}
			});
		}
		catch (RuntimeException ex) {
			failed(ex);
			return false;
		}
		return !handedOver.compareAndSet(false, true);
	}

	private void failed(Throwable failure) {
		close(CloseStatus.SESSION_NOT_RELIABLE, String.valueOf(failure));
	}

	private void close(CloseStatus status, String reason) {
		if (this.closing.compareAndSet(false, true)) {
			this.queue.clear();
			this.writers.closeLater(() -> {
				logger.debug("Closing socket {}: {}", this.session.getId(), reason);
				try {
					this.session.close(status);
				}
				catch (IOException ex) {
					// Already gone.
				}
			});
		}
	}

	/** A frame waiting to be sent, and what to do once it is written. */
	private record Outgoing(TextMessage message, Runnable written) {
	}

	private static RemoteEndpoint.Async asyncRemote(WebSocketSession session, Duration sendTimeLimit) {
		RemoteEndpoint.Async remote = ((NativeWebSocketSession) session).getNativeSession(Session.class)
			.getAsyncRemote();
		remote.setSendTimeout(sendTimeLimit.toMillis());
		return remote;
	}

}
