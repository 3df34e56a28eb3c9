package dev.ferry.infra.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report of a run, a ramp or a connections run: the figures as tables and charts
 * (inline SVG), one file with no scripts and nothing fetched.
 */
final class HtmlReport {

	private static final List<Double> PERCENTILE_TICKS = List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);

	private static final String[] PERCENTILE_LABELS = { "0%", "90%", "99%", "99.9%", "99.99%", "99.999%" };

	private final StringBuilder html = new StringBuilder();

	private HtmlReport(String title) {
		this.html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
			.append(SvgChart.escape(title))
			.append("</title><style>")
			.append("body{font-family:sans-serif;margin:24px;color:#1c2430;max-width:980px}")
			.append("table{border-collapse:collapse;margin:8px 0 20px}")
			.append("td,th{border:1px solid #e3e7ee;padding:4px 10px;text-align:right}")
			.append("td:first-child,th:first-child{text-align:left}th{background:#f4f6fa}")
			.append("h2{margin-top:32px}")
			.append("</style></head><body>\n<h1>")
			.append(SvgChart.escape(title))
			.append("</h1>\n");
	}

	@SuppressWarnings("unchecked")
	static String run(Map<String, Object> figures) {
		HtmlReport report = new HtmlReport("Ferry load run, " + figures.get("date"));
		report.runSections(figures);
		return report.end();
	}

	@SuppressWarnings("unchecked")
	static String ramp(Map<String, Object> figures) {
		HtmlReport report = new HtmlReport("Ferry ramp, " + figures.get("date"));
		report.paragraph("Highest rate that held: " + figures.get("maxSustainableRate") + " msgs/s (criterion: "
				+ figures.get("criterion") + "). " + figures.get("stoppedBecause"));
		report.keyValues("Options", (Map<String, Object>) figures.get("options"));
		List<Map<String, Object>> steps = (List<Map<String, Object>>) figures.get("steps");
		report.rows("Steps", steps);
		List<double[]> p50 = new ArrayList<>();
		List<double[]> p99 = new ArrayList<>();
		List<double[]> achieved = new ArrayList<>();
		for (Map<String, Object> step : steps) {
			double rate = ((Number) step.get("rate")).doubleValue();
			p50.add(new double[] { rate, ((Number) step.get("e2eP50Ms")).doubleValue() });
			p99.add(new double[] { rate, ((Number) step.get("e2eP99Ms")).doubleValue() });
			achieved.add(new double[] { rate, ((Number) step.get("receivedPerSecond")).doubleValue() });
		}
		report.chart(new SvgChart("Send → receiver latency by offered rate", "offered rate (msgs/s)", "ms")
			.series("p50", p50)
			.series("p99", p99));
		report.chart(new SvgChart("Achieved rate by offered rate", "offered rate (msgs/s)", "received msgs/s").linearY()
			.series("received per second", achieved)
			.series("offered", achieved.stream().map((point) -> new double[] { point[0], point[0] }).toList()));
		Map<String, Object> held = (Map<String, Object>) figures.get("highestHeldStep");
		if (held != null) {
			report.html.append("<h2>The highest step that held, in detail</h2>\n");
			report.runSections(held);
		}
		return report.end();
	}

	@SuppressWarnings("unchecked")
	static String connections(Map<String, Object> figures) {
		HtmlReport report = new HtmlReport("Ferry idle connections, " + figures.get("date"));
		report.paragraph("Reached " + figures.get("reached") + " sockets. " + figures.get("stoppedBecause"));
		report.keyValues("Per 1,000 sockets", (Map<String, Object>) figures.get("perThousandSockets"));
		report.keyValues("Limits", (Map<String, Object>) figures.get("limits"));
		List<Map<String, Object>> samples = (List<Map<String, Object>>) figures.get("samples");
		report.rows("Samples", samples);
		List<double[]> heap = new ArrayList<>();
		List<double[]> rss = new ArrayList<>();
		for (Map<String, Object> sample : samples) {
			double sockets = ((Number) sample.get("sockets")).doubleValue();
			heap.add(new double[] { sockets, ((Number) sample.get("gatewayHeapAfterGcMiB")).doubleValue() });
			rss.add(new double[] { sockets, ((Number) sample.get("gatewayRssMiB")).doubleValue() });
		}
		report.chart(new SvgChart("Gateway memory by open sockets", "idle sockets", "MiB").linearY()
			.series("heap after GC", heap)
			.series("RSS", rss));
		return report.end();
	}

	@SuppressWarnings("unchecked")
	static String presence(Map<String, Object> figures) {
		HtmlReport report = new HtmlReport("Presence at scale and GET /users");
		report.keyValues("Options", (Map<String, Object>) figures.get("options"));
		report.keyValues("Presence frames", (Map<String, Object>) figures.get("presence"));
		report.keyValues("GET /users", (Map<String, Object>) figures.get("getUsers"));
		return report.end();
	}

	@SuppressWarnings("unchecked")
	static String groupReads(Map<String, Object> figures) {
		HtmlReport report = new HtmlReport("Reads of a large group");
		report.keyValues("Options", (Map<String, Object>) figures.get("options"));
		((Map<String, Object>) figures.get("latencyMs"))
			.forEach((read, latency) -> report.keyValues(read + " (ms)", (Map<String, Object>) latency));
		return report.end();
	}

	@SuppressWarnings("unchecked")
	static String uploads(Map<String, Object> figures) {
		HtmlReport report = new HtmlReport("Uploads at once: the gateway's heap and the upload rate");
		report.keyValues("Figures", figures);
		return report.end();
	}

	static String compression(Map<String, Object> figures) {
		HtmlReport report = new HtmlReport("What permessage-deflate saves on chat frames (bytes per frame)");
		List<Map<String, Object>> rows = new ArrayList<>();
		figures.forEach((frame, sizes) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("frame", frame);
			row.putAll((Map<String, Object>) sizes);
			rows.add(row);
		});
		report.rows("Frames", rows);
		return report.end();
	}

	@SuppressWarnings("unchecked")
	private void runSections(Map<String, Object> figures) {
		keyValues("Options", (Map<String, Object>) figures.get("options"));
		keyValues("Counts", (Map<String, Object>) figures.get("counts"));
		keyValues("Achieved rates (per second)", (Map<String, Object>) figures.get("ratesPerSecond"));
		percentileTable("Latency (ms)", (Map<String, Map<String, Double>>) figures.get("latencyMs"));
		Map<String, Object> hops = new LinkedHashMap<>((Map<String, Object>) figures.get("hopsMs"));
		Object traced = hops.remove("traced");
		if (((Number) traced).longValue() > 0) {
			percentileTable("Per hop (ms), " + traced + " messages traced through Kafka",
					(Map<String, Map<String, Double>>) (Map<String, ?>) hops);
		}
		keyValues("CPU (cores; the machine has 2)", (Map<String, Object>) figures.get("cpuCores"));
		keyValues("CPU of the stack JVM's threads (cores, grouped by name)",
				(Map<String, Object>) figures.get("cpuCoresByStackThread"));
		keyValues("Persistence statements (counted by PostgreSQL)",
				(Map<String, Object>) figures.get("persistenceStatements"));
		Map<String, Map<String, Double>> bySecond = (Map<String, Map<String, Double>>) figures
			.get("sendToReceiverCreatedBySecond");
		List<double[]> p50 = new ArrayList<>();
		List<double[]> p99 = new ArrayList<>();
		List<double[]> max = new ArrayList<>();
		bySecond.forEach((second, values) -> {
			double at = Double.parseDouble(second);
			p50.add(new double[] { at, values.get("p50") });
			p99.add(new double[] { at, values.get("p99") });
			max.add(new double[] { at, values.get("max") });
		});
		chart(new SvgChart("Send → receiver latency over time (by second the message was due)", "second of the run",
				"ms")
			.series("p50", p50)
			.series("p99", p99)
			.series("max", max));
		SvgChart percentiles = new SvgChart("Latency by percentile", "percentile", "ms").xTicks(PERCENTILE_TICKS,
				(tick) -> PERCENTILE_LABELS[(int) Math.round(tick)]);
		((Map<String, List<double[]>>) figures.get("percentileCurvesMs")).forEach((name, points) -> percentiles
			.series(name, points.stream().map((point) -> new double[] { nines(point[0]), point[1] }).toList()));
		chart(percentiles);
	}

	/** Percentile on a "nines" axis: 90 → 1, 99 → 2, 99.9 → 3. */
	private static double nines(double percentile) {
		return Math.min(5, -Math.log10(Math.max(1e-5, 1 - percentile / 100)));
	}

	private void paragraph(String text) {
		this.html.append("<p>").append(SvgChart.escape(text)).append("</p>\n");
	}

	private void keyValues(String title, Map<String, Object> values) {
		if (values == null) {
			return;
		}
		this.html.append("<h2>").append(SvgChart.escape(title)).append("</h2>\n<table>\n");
		values.forEach((key, value) -> this.html.append("<tr><td>")
			.append(SvgChart.escape(key))
			.append("</td><td>")
			.append(SvgChart.escape(format(value)))
			.append("</td></tr>\n"));
		this.html.append("</table>\n");
	}

	private void percentileTable(String title, Map<String, Map<String, Double>> rows) {
		this.html.append("<h2>")
			.append(SvgChart.escape(title))
			.append("</h2>\n<table>\n<tr><th></th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>\n");
		rows.forEach((name, values) -> {
			this.html.append("<tr><td>").append(SvgChart.escape(name)).append("</td>");
			for (String key : List.of("p50", "p95", "p99", "max")) {
				this.html.append("<td>").append(format(values.get(key))).append("</td>");
			}
			this.html.append("</tr>\n");
		});
		this.html.append("</table>\n");
	}

	private void rows(String title, List<Map<String, Object>> rows) {
		if (rows.isEmpty()) {
			return;
		}
		this.html.append("<h2>").append(SvgChart.escape(title)).append("</h2>\n<table>\n<tr>");
		rows.get(0).keySet().forEach((key) -> this.html.append("<th>").append(SvgChart.escape(key)).append("</th>"));
		this.html.append("</tr>\n");
		for (Map<String, Object> row : rows) {
			this.html.append("<tr>");
			row.values()
				.forEach((value) -> this.html.append("<td>").append(SvgChart.escape(format(value))).append("</td>"));
			this.html.append("</tr>\n");
		}
		this.html.append("</table>\n");
	}

	private void chart(SvgChart chart) {
		this.html.append("<p>").append(chart.render()).append("</p>\n");
	}

	private String end() {
		return this.html.append("</body></html>\n").toString();
	}

	private static String format(Object value) {
		if (value instanceof Double number) {
			return String.format(Locale.ROOT, "%,.2f", number);
		}
		if (value instanceof Number number) {
			return String.format(Locale.ROOT, "%,d", number.longValue());
		}
		return String.valueOf(value);
	}

}
