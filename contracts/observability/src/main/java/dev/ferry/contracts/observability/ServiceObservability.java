package dev.ferry.contracts.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * What every Ferry service sets up the same way to be traced and measured; each service
 * imports it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TracingSettings.class)
public class ServiceObservability {

	/**
	 * Every metric names its service, so one Prometheus holds them all apart (the scrape
	 * adds the instance).
	 */
	@Bean
	MeterRegistryCustomizer<MeterRegistry> applicationTag(@Value("${spring.application.name}") String application) {
		return (registry) -> registry.config().commonTags("application", application);
	}

	/**
	 * Traces are of messages: housekeeping is not observed, so it neither starts traces
	 * nor costs a timer each time (a scheduled sweep every second, every scrape and
	 * health probe of an actuator).
	 */
	@Bean
	ObservationPredicate noHousekeepingObservations() {
		return (name, context) -> {
			if (name.equals("tasks.scheduled.execution")) {
				return false;
			}
			return !(context instanceof ServerRequestObservationContext request)
					|| !request.getCarrier().getRequestURI().startsWith("/actuator/");
		};
	}

	@Bean
	RecordTraces recordTraces(Tracer tracer, Propagator propagator) {
		return new RecordTraces(tracer, propagator);
	}

	@Bean
	@ConditionalOnExpression("${ferry.tracing.kept-spans:0} > 0")
	KeptSpans keptSpans(TracingSettings settings) {
		return new KeptSpans(settings.keptSpans());
	}

	@Bean
	@ConditionalOnExpression("${ferry.tracing.kept-spans:0} > 0")
	SpansEndpoint spansEndpoint(KeptSpans kept) {
		return new SpansEndpoint(kept);
	}

	@Bean
	@ConditionalOnBooleanProperty("ferry.tracing.print-spans")
	PrintedSpans printedSpans() {
		return new PrintedSpans();
	}

}
