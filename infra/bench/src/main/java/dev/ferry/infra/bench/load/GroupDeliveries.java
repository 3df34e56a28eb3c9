package dev.ferry.infra.bench.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the members' sockets received of one step's group messages: each delivery's time
 * from the send, and each message's time until its last member had it.
 */
final class GroupDeliveries {

	private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);

	private final Map<String, Sent> sent = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> groupChanges = new ConcurrentHashMap<>();

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile int expectedPerMessage;

	private volatile boolean measuring;

	final Histogram perDelivery = new ConcurrentHistogram(MAX_MICROS, 3);

	final Histogram lastMember = new ConcurrentHistogram(MAX_MICROS, 3);

	/** A step begins: each message is expected by this many members. */
	void expect(int membersPerMessage) {
		this.expectedPerMessage = membersPerMessage;
		this.sent.clear();
		this.delivered.set(0);
		this.perDelivery.reset();
		this.lastMember.reset();
		this.measuring = false;
	}

	void measure() {
		this.measuring = true;
	}

	void sending(String tempId, long now) {
		this.sent.put(tempId, new Sent(now, this.measuring));
	}

	void received(String tempId, long now) {
		Sent message = (tempId != null) ? this.sent.get(tempId) : null;
		if (message == null) {
			return;
		}
		this.delivered.incrementAndGet();
		long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - message.at()));
		if (message.measured()) {
			this.perDelivery.recordValue(Math.min(micros, MAX_MICROS));
		}
		if (message.members().incrementAndGet() == this.expectedPerMessage && message.measured()) {
			this.lastMember.recordValue(Math.min(micros, MAX_MICROS));
		}
	}

	void groupChanged(String group) {
		this.groupChanges.computeIfAbsent(String.valueOf(group), (key) -> new AtomicInteger()).incrementAndGet();
	}

	int groupChanges(String group) {
		return this.groupChanges.getOrDefault(group, new AtomicInteger()).get();
	}

	void failed() {
		this.failures.incrementAndGet();
	}

	long failures() {
		return this.failures.get();
	}

	long delivered() {
		return this.delivered.get();
	}

	/** Deliveries still missing, of every message sent in the step. */
	long missing() {
		return (long) this.sent.size() * this.expectedPerMessage - this.delivered.get();
	}

	private record Sent(long at, boolean measured, AtomicInteger members) {

		Sent(long at, boolean measured) {
			this(at, measured, new AtomicInteger());
		}

	}

}
