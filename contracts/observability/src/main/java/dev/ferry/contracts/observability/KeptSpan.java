package dev.ferry.contracts.observability;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * A finished span as {@code /actuator/spans} shows it.
 *
 * @param traceId the trace it belongs to: the same in every service a message passed
 * @param spanId its own id
 * @param parentSpanId the span it is a child of, in this service or the one before; null
 * for the first span of a trace
 * @param service the service that recorded it
 * @param name what it did
 * @param kind SERVER, CONSUMER, PRODUCER, INTERNAL or CLIENT
 * @param start when it started
 * @param durationMicros how long it took
 * @param attributes its tags
 */
public record KeptSpan(String traceId, String spanId, String parentSpanId, String service, String name, String kind,
		Instant start, long durationMicros, Map<String, String> attributes) {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	static KeptSpan of(SpanData span) {
		Map<String, String> attributes = new TreeMap<>();
		span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
		String parent = span.getParentSpanContext().isValid() ? span.getParentSpanId() : null;
		return new KeptSpan(span.getTraceId(), span.getSpanId(), parent, span.getResource().getAttribute(SERVICE_NAME),
				span.getName(), span.getKind().name(), Instant.ofEpochSecond(0, span.getStartEpochNanos()),
				TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos() - span.getStartEpochNanos()), attributes);
	}

	/** The spans as shown, in the order given. */
	static List<KeptSpan> of(List<SpanData> spans) {
		return spans.stream().map(KeptSpan::of).toList();
	}

}
