package dev.ferry.contracts.observability;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each finished span on one line that starts with its trace id, so that
 * {@code grep <traceId>} over the services' logs shows a whole trace.
 */
final class PrintedSpans implements SpanExporter {

	private static final Logger logger = LoggerFactory.getLogger("ferry.spans");

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		for (SpanData span : spans) {
			KeptSpan shown = KeptSpan.of(span);
			logger.info("trace={} span={} parent={} {} {} {} µs {} {}", shown.traceId(), shown.spanId(),
					shown.parentSpanId(), shown.service(), shown.kind(), shown.durationMicros(), shown.name(),
					shown.attributes());
		}
		return CompletableResultCode.ofSuccess();
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
