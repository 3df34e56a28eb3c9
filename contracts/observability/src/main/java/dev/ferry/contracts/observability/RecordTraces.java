package dev.ferry.contracts.observability;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries a message's trace across a Kafka hop read in batches: spring-kafka's listener
 * observation does not continue a batch's records, so each record's span continues the
 * trace its W3C {@code traceparent} header names, and what the record causes is sent with
 * that span current, so spring-kafka's template observation puts the same trace in the
 * headers of the records sent on. Whether a trace is recorded was decided where it
 * started; here an unsampled record's span records nothing and costs little.
 */
public final class RecordTraces {

	private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
		Header header = headers.lastHeader(key);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	};

	private final Tracer tracer;

	private final Propagator propagator;

	public RecordTraces(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * Starts the span of processing a record, a child of the span that sent it (a new
	 * trace for a record that carries none). The caller ends it.
	 * @param operation what is done with the record, e.g. {@code persist}
	 */
	public Span processing(ConsumerRecord<?, ?> record, String operation) {
		return this.propagator.extract(record.headers(), HEADERS)
			.name(operation + " " + record.topic())
			.kind(Span.Kind.CONSUMER)
			.tag("messaging.system", "kafka")
			.tag("messaging.operation", "process")
			.tag("messaging.destination.name", record.topic())
			.tag("messaging.destination.partition.id", String.valueOf(record.partition()))
			.tag("messaging.kafka.offset", String.valueOf(record.offset()))
			.start();
	}

	/** Starts a span as a child of another; the caller ends it. */
	public Span child(Span parent, String name) {
		return this.tracer.spanBuilder().setParent(parent.context()).name(name).start();
	}

	/**
	 * Does the work with the span current: the records it sends continue the span's
	 * trace.
	 */
	public <T> T within(Span span, Supplier<T> work) {
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return work.get();
		}
	}

}
