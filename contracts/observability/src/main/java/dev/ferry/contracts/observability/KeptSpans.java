package dev.ferry.contracts.observability;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The latest finished spans of this service, in memory: an exporter that needs no
 * collector, for developers and tests. The oldest go first once it holds its capacity.
 */
public final class KeptSpans implements SpanExporter {

	private final int capacity;

	private final Deque<SpanData> spans;

	public KeptSpans(int capacity) {
		this.capacity = capacity;
		this.spans = new ArrayDeque<>(capacity);
	}

	@Override
	public synchronized CompletableResultCode export(Collection<SpanData> finished) {
		for (SpanData span : finished) {
			if (this.spans.size() == this.capacity) {
				this.spans.removeFirst();
			}
			this.spans.addLast(span);
		}
		return CompletableResultCode.ofSuccess();
	}

	/** The spans kept, oldest first; only those of one trace unless the id is null. */
	public synchronized List<SpanData> of(String traceId) {
		return this.spans.stream().filter((span) -> traceId == null || span.getTraceId().equals(traceId)).toList();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

}
