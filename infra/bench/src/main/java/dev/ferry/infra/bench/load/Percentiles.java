package dev.ferry.infra.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latencies measured one by one, summed up as a report shows them. */
final class Percentiles {

	private Percentiles() {
	}

	/** p50, p95, p99 and the maximum of the values, rounded to hundredths. */
	static Map<String, Double> of(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		Map<String, Double> figures = new LinkedHashMap<>();
		figures.put("p50", round(sorted[(int) (sorted.length * 0.50)]));
		figures.put("p95", round(sorted[(int) (sorted.length * 0.95)]));
		figures.put("p99", round(sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)]));
		figures.put("max", round(sorted[sorted.length - 1]));
		return figures;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
