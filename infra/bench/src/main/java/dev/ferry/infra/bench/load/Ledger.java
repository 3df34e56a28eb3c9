package dev.ferry.infra.bench.load;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.ferry.contracts.id.UserId;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Every message of the run and what happened to it, and the latencies measured, in
 * microseconds. Latencies start at the moment a message was due to be sent, not when the
 * sender got round to it, so a stalled sender does not hide its own delay.
 */
final class Ledger {

	/** Ten minutes: a backlog at an overload rate must not clip the figures. */
	static final long MAX_MICROS = 600_000_000;

	private final Map<String, Sent> byTempId = new ConcurrentHashMap<>();

	private final Map<String, Sent> byMessageId = new ConcurrentHashMap<>();

	final Histogram ack = new ConcurrentHistogram(MAX_MICROS, 3);

	final Histogram endToEnd = new ConcurrentHistogram(MAX_MICROS, 3);

	final Histogram delivered = new ConcurrentHistogram(MAX_MICROS, 3);

	/** Send → receiver's message-created, per second of the measured window. */
	final Map<Long, Histogram> endToEndBySecond = new ConcurrentSkipListMap<>();

	final AtomicLong duplicates = new AtomicLong();

	final AtomicLong errors = new AtomicLong();

	final AtomicLong rejected = new AtomicLong();

	private final long startNanos;

	private final long startWallMicros;

	Ledger() {
		this.startNanos = System.nanoTime();
		this.startWallMicros = System.currentTimeMillis() * 1000;
	}

	/**
	 * Wall-clock time of a {@link System#nanoTime()} reading, to compare with Kafka's.
	 */
	long wallMicros(long nanos) {
		return this.startWallMicros + (nanos - this.startNanos) / 1000;
	}

	/** Second of the run a {@link System#nanoTime()} reading falls in. */
	long secondOf(long nanos) {
		return (nanos - this.startNanos) / 1_000_000_000;
	}

	Sent sent(String tempId, UserId sender, UserId receiver, long dueNanos, boolean measured) {
		Sent sent = new Sent(tempId, sender, receiver, dueNanos, measured);
		this.byTempId.put(tempId, sent);
		return sent;
	}

	Sent byTempId(String tempId) {
		return this.byTempId.get(tempId);
	}

	Collection<Sent> all() {
		return this.byTempId.values();
	}

	void acked(String tempId, long nanos) {
		Sent sent = this.byTempId.get(tempId);
		if (sent != null && sent.ackNanos == 0) {
			sent.ackNanos = nanos;
			if (sent.measured) {
				this.ack.recordValue(micros(nanos - sent.dueNanos));
			}
		}
	}

	/** The receiver got the message; more than once is a duplicate. */
	void received(String tempId, String messageId, long nanos) {
		Sent sent = this.byTempId.get(tempId);
		if (sent == null) {
			return;
		}
		identify(sent, messageId);
		if (sent.receipts.incrementAndGet() > 1) {
			this.duplicates.incrementAndGet();
			return;
		}
		sent.receivedNanos = nanos;
		if (sent.measured) {
			long latency = micros(nanos - sent.dueNanos);
			this.endToEnd.recordValue(latency);
			Histogram second = this.endToEndBySecond.computeIfAbsent(secondOf(sent.dueNanos),
					(key) -> new Histogram(MAX_MICROS, 2));
			synchronized (second) {
				second.recordValue(latency);
			}
		}
	}

	/** The sender's own copy tells the message's id. */
	void sendersCopy(String tempId, String messageId) {
		Sent sent = this.byTempId.get(tempId);
		if (sent != null) {
			identify(sent, messageId);
		}
	}

	/** The sender saw the message reach DELIVERED (or READ) for the first time. */
	void deliveredTick(String messageId, long nanos) {
		Sent sent = this.byMessageId.get(messageId);
		if (sent != null && sent.deliveredNanos == 0) {
			sent.deliveredNanos = nanos;
			if (sent.measured) {
				this.delivered.recordValue(micros(nanos - sent.dueNanos));
			}
		}
	}

	private void identify(Sent sent, String messageId) {
		if (sent.messageId == null) {
			sent.messageId = messageId;
			this.byMessageId.put(messageId, sent);
		}
	}

	private static long micros(long nanos) {
		return Math.min(Math.max(nanos / 1000, 1), MAX_MICROS);
	}

	/** One message of the run. */
	static final class Sent {

		final String tempId;

		final UserId sender;

		final UserId receiver;

		final long dueNanos;

		final boolean measured;

		volatile String messageId;

		volatile long ackNanos;

		volatile long receivedNanos;

		volatile long deliveredNanos;

		final AtomicInteger receipts = new AtomicInteger();

		/**
		 * Kafka record timestamps (ms) of the hops: command, event, push to the receiver.
		 */
		volatile long commandAt;

		volatile long eventAt;

		volatile long pushAt;

		Sent(String tempId, UserId sender, UserId receiver, long dueNanos, boolean measured) {
			this.tempId = tempId;
			this.sender = sender;
			this.receiver = receiver;
			this.dueNanos = dueNanos;
			this.measured = measured;
		}

	}

}
