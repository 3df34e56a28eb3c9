package dev.ferry.infra.bench.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raises the rate step by step on the same users and sockets until a step does not hold
 * (send → receiver p99 over {@link #P99_LIMIT_MS} or any message lost or doubled), and
 * reports the highest rate that held: the maximum sustainable throughput.
 */
final class RampRun {

	static final double P99_LIMIT_MS = 100;

	private static final int MAX_RATE = 100_000;

	private RampRun() {
	}

	@SuppressWarnings("unchecked")
	static void run(LoadOptions options, ChatLoad.Target target, String runId) throws Exception {
		List<Map<String, Object>> steps = new ArrayList<>();
		Map<String, Object> highestHeld = null;
		int maxSustainable = 0;
		String stoppedBecause = "Stopped at " + MAX_RATE + " msgs/s without a failing step.";
		try (ChatLoad load = ChatLoad.connect(options, target, runId)) {
			System.out.printf("Warming the stack up at %,d msgs/s for %d s (not reported)…%n", options.rampFrom(),
					options.rampWarmup().toSeconds());
			load.step("warm", options.rampFrom(), options.rampWarmup(), Duration.ofSeconds(1));
			for (int rate = options.rampFrom(); rate <= MAX_RATE; rate += options.rampStep()) {
				System.out.printf("%nRamp step: %,d msgs/s%n", rate);
				LoadReport report = load.step("r" + rate, rate, options.warmup(), options.duration());
				report.print();
				Map<String, Object> figures = report.figures();
				Map<String, Object> step = row(rate, figures);
				steps.add(step);
				if (!(Boolean) step.get("held")) {
					stoppedBecause = String.format(
							"%,d msgs/s did not hold: send→receiver p99 %.1f ms, %s lost, %s " + "duplicated. %s", rate,
							step.get("e2eP99Ms"), step.get("lost"), step.get("duplicated"), bottleneck(figures));
					break;
				}
				maxSustainable = rate;
				highestHeld = figures;
			}
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("date", Instant.now().toString());
		figures.put("options",
				ReportFiles.ordered("users", options.users(), "from", options.rampFrom(), "step", options.rampStep(),
						"rampWarmupSeconds", options.rampWarmup().toSeconds(), "warmupSeconds",
						options.warmup().toSeconds(), "durationSeconds", options.duration().toSeconds(), "target",
						(options.url() != null) ? options.url() : "embedded stack"));
		figures.put("criterion", "send→receiver p99 ≤ " + P99_LIMIT_MS + " ms, 0 lost, 0 duplicated");
		figures.put("maxSustainableRate", maxSustainable);
		figures.put("stoppedBecause", stoppedBecause);
		figures.put("steps", steps);
		figures.put("highestHeldStep", highestHeld);
		System.out.printf("%nRamp: highest rate that held: %,d msgs/s. %s%n", maxSustainable, stoppedBecause);
		ReportFiles.write(options.output(), "ramp-" + runId, figures, HtmlReport.ramp(figures));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> row(int rate, Map<String, Object> figures) {
		Map<String, Object> counts = (Map<String, Object>) figures.get("counts");
		Map<String, Map<String, Double>> latency = (Map<String, Map<String, Double>>) figures.get("latencyMs");
		Map<String, Double> endToEnd = latency.get("sendToReceiverCreated");
		Map<String, Double> rates = (Map<String, Double>) figures.get("ratesPerSecond");
		long lost = ((Number) counts.get("lost")).longValue();
		long duplicated = ((Number) counts.get("duplicated")).longValue();
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("rate", rate);
		row.put("receivedPerSecond", rates.get("received"));
		row.put("ackP99Ms", latency.get("sendToAck").get("p99"));
		row.put("e2eP50Ms", endToEnd.get("p50"));
		row.put("e2eP99Ms", endToEnd.get("p99"));
		row.put("lost", lost);
		row.put("duplicated", duplicated);
		row.put("held", endToEnd.get("p99") <= P99_LIMIT_MS && lost == 0 && duplicated == 0);
		return row;
	}

	/** Where the failing step spent its time and CPU. */
	@SuppressWarnings("unchecked")
	static String bottleneck(Map<String, Object> figures) {
		Map<String, Double> cores = (Map<String, Double>) figures.get("cpuCores");
		double total = cores.values().stream().mapToDouble(Double::doubleValue).sum();
		String busiest = cores.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.limit(3)
			.map((entry) -> String.format("%s %.2f", entry.getKey(), entry.getValue()))
			.reduce((a, b) -> a + ", " + b)
			.orElse("");
		Map<String, Object> hops = new LinkedHashMap<>((Map<String, Object>) figures.get("hopsMs"));
		if (((Number) hops.remove("traced")).longValue() == 0) {
			return String.format("Bottleneck: CPU %.2f of 2 cores in use (%s); hops not traced (--hops=on).", total,
					busiest);
		}
		String slowestHop = hops.entrySet()
			.stream()
			.max(Comparator.comparingDouble((entry) -> ((Map<String, Double>) entry.getValue()).get("p99")))
			.map((entry) -> String.format("%s (p99 %.1f ms)", entry.getKey(),
					((Map<String, Double>) entry.getValue()).get("p99")))
			.orElse("unknown");
		return String.format("Bottleneck: CPU %.2f of 2 cores in use (%s); slowest hop %s.", total, busiest,
				slowestHop);
	}

}
