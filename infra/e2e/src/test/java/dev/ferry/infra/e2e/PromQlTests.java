package dev.ferry.infra.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTests {

	@Test
	void findsTheMetricsOfAQuantileOverARateGroupedByLabels() {
		assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le, hop) "
				+ "(rate(ferry_pipeline_hop_seconds_bucket{instance=~\"$node\", hop!=\"x\"}[$__rate_interval])))"))
			.containsExactly("ferry_pipeline_hop_seconds_bucket");
	}

	@Test
	void findsEachSideOfABinaryExpressionAndSkipsKeywordsNumbersAndDurations() {
		assertThat(PromQl.metricNames("sum(jvm_memory_used_bytes{area=\"heap\"}) by (instance) / on (instance) "
				+ "sum(jvm_memory_max_bytes{area=\"heap\"}) by (instance) > 0.9 and "
				+ "increase(ferry_dead_letters_total[10m] offset 5m) > 1e3 unless up == 0"))
			.containsExactly("jvm_memory_used_bytes", "jvm_memory_max_bytes", "ferry_dead_letters_total", "up");
	}

	@Test
	void readsNoNameInsideStringsOrLabelMatchers() {
		assertThat(PromQl.metricNames("label_replace(kafka_consumer_fetch_manager_records_lag{topic=\"a_b\"}, "
				+ "\"group\", \"$1\", \"client_id\", \"consumer-(.+)-[0-9]+\")"))
			.containsExactly("kafka_consumer_fetch_manager_records_lag");
	}

}
