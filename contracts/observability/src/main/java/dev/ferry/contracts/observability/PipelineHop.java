package dev.ferry.contracts.observability;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The hops of a message through the pipeline, each timed from the moment the hop before
 * handed it to Kafka (the record's timestamp) to the moment this hop is done with it:
 * together they are the time from a send to its frame written to the receiver's socket.
 * One timer, {@code ferry.pipeline.hop}, tagged with the hop, with buckets at the latency
 * objectives operators alert on.
 */
public enum PipelineHop {

	/** A command's record written by the gateway, until its transaction committed. */
	PERSISTED("persisted"),

	/**
	 * An event's record written by the persistence worker, until its pushes are
	 * acknowledged.
	 */
	PUSHED("pushed"),

	/**
	 * A push's record written by the delivery worker, until its frame is written to a
	 * socket.
	 */
	WRITTEN("written");

	/** The metric's name, {@code ferry_pipeline_hop_seconds} in Prometheus. */
	public static final String METRIC = "ferry.pipeline.hop";

	private static final Duration[] OBJECTIVES = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

	private final String tag;

	PipelineHop(String tag) {
		this.tag = tag;
	}

	/** This hop's timer in the registry. */
	public Timer timer(MeterRegistry meters) {
		return Timer.builder(METRIC)
			.description("From the record the hop before wrote to Kafka until this hop is done with it")
			.tag("hop", this.tag)
			.serviceLevelObjectives(OBJECTIVES)
			.register(meters);
	}

	/** Records one message's passage through the hop. */
	public static void record(Timer timer, long recordTimestampMillis, Instant done) {
		long millis = done.toEpochMilli() - recordTimestampMillis;
		// Clocks of different machines may disagree by a little: never a negative time.
		timer.record(Duration.ofMillis(Math.max(0, millis)));
	}

}
