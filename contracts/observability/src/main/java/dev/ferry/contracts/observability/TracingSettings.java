package dev.ferry.contracts.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a service's finished spans go besides an OTLP collector (which
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} names): kept in memory
 * and served at {@code /actuator/spans}, or printed to the log, so a developer sees a
 * trace without running a collector. Which traces are recorded at all is
 * {@code management.tracing.sampling.probability}.
 *
 * @param keptSpans how many of the latest finished spans to keep in memory; 0 keeps none
 * and leaves the endpoint out
 * @param printSpans log each finished span on one line (logger {@code ferry.spans})
 */
@ConfigurationProperties("ferry.tracing")
public record TracingSettings(@DefaultValue("0") int keptSpans, @DefaultValue("false") boolean printSpans) {

	public TracingSettings {
		if (keptSpans < 0) {
			throw new IllegalArgumentException("ferry.tracing.kept-spans must be 0 or more, not " + keptSpans);
		}
	}

}
