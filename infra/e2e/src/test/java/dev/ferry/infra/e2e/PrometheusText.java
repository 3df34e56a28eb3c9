package dev.ferry.infra.e2e;

import java.util.Set;
import java.util.stream.Collectors;

/** Prometheus's text exposition format, as much as the tests read of it. */
final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * The names of the series a scrape holds, e.g.
	 * {@code ferry_pipeline_hop_seconds_bucket}.
	 */
	static Set<String> metricNames(String scrape) {
		return scrape.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());
	}

}
