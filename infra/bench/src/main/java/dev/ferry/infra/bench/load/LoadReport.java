package dev.ferry.infra.bench.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The figures of one run: counts, latencies (p50/p95/p99/max in milliseconds), the
 * per-hop breakdown, CPU per process; printed as a table and written as JSON.
 */
final class LoadReport {

	private static final double[] PERCENTILES = { 50, 95, 99 };

	private final Map<String, Object> figures;

	private LoadReport(Map<String, Object> figures) {
		this.figures = figures;
	}

	/**
	 * What one step sent.
	 *
	 * @param rate messages per second offered
	 * @param warmup sending before measuring
	 * @param duration sending while measuring
	 */
	record Step(int rate, Duration warmup, Duration duration) {
	}

	static LoadReport of(LoadOptions options, Step step, Ledger ledger, Map<String, Double> cores,
			Map<String, Double> stackThreads, Map<String, Object> persistenceStatements, long rowsInDatabase,
			Duration measuredFor) {
		List<Ledger.Sent> measured = ledger.all().stream().filter((message) -> message.measured).toList();
		long acked = measured.stream().filter((message) -> message.ackNanos != 0).count();
		long received = measured.stream().filter((message) -> message.receivedNanos != 0).count();
		long lost = measured.stream().filter((message) -> message.ackNanos != 0 && message.receivedNanos == 0).count();
		long ackedInRun = ledger.all().stream().filter((message) -> message.ackNanos != 0).count();
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("date", Instant.now().toString());
		figures.put("options",
				ReportFiles.ordered("users", options.users(), "rate", step.rate(), "warmupSeconds",
						step.warmup().toSeconds(), "durationSeconds", step.duration().toSeconds(), "contacts",
						options.contacts(), "readShare", options.readShare(), "target",
						(options.url() != null) ? options.url() : "embedded stack"));
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("sent", measured.size());
		counts.put("acked", acked);
		counts.put("received", received);
		counts.put("lost", lost);
		counts.put("duplicated", ledger.duplicates.get());
		counts.put("errorFrames", ledger.errors.get());
		counts.put("rejected", ledger.rejected.get());
		counts.put("ackedIncludingWarmup", ackedInRun);
		counts.put("rowsInDatabase", rowsInDatabase);
		figures.put("counts", counts);
		double seconds = step.duration().toSeconds();
		figures.put("ratesPerSecond",
				ReportFiles.ordered("offered", measured.size() / seconds, "received", achievedRate(measured)));
		Map<String, Object> latency = new LinkedHashMap<>();
		latency.put("sendToAck", percentiles(ledger.ack));
		latency.put("sendToReceiverCreated", percentiles(ledger.endToEnd));
		latency.put("sendToSenderDelivered", percentiles(ledger.delivered));
		figures.put("latencyMs", latency);
		Map<String, Object> curves = new LinkedHashMap<>();
		curves.put("sendToAck", curve(ledger.ack));
		curves.put("sendToReceiverCreated", curve(ledger.endToEnd));
		curves.put("sendToSenderDelivered", curve(ledger.delivered));
		figures.put("percentileCurvesMs", curves);
		figures.put("hopsMs", hops(ledger, measured));
		figures.put("cpuCores", cores);
		figures.put("cpuCoresByStackThread", stackThreads);
		figures.put("persistenceStatements", persistenceStatements);
		Map<String, Object> overTime = new LinkedHashMap<>();
		ledger.endToEndBySecond.forEach((second, histogram) -> {
			synchronized (histogram) {
				overTime.put(Long.toString(second), percentiles(histogram));
			}
		});
		figures.put("sendToReceiverCreatedBySecond", overTime);
		figures.put("measuredForSeconds", measuredFor.toMillis() / 1000.0);
		return new LoadReport(figures);
	}

	/**
	 * Messages received per second from the first one due to the last one received: a
	 * backlog that drains after sending stopped lowers it, as it should.
	 */
	private static double achievedRate(List<Ledger.Sent> measured) {
		long firstDue = measured.stream().mapToLong((message) -> message.dueNanos).min().orElse(0);
		long lastReceived = measured.stream().mapToLong((message) -> message.receivedNanos).max().orElse(0);
		long received = measured.stream().filter((message) -> message.receivedNanos != 0).count();
		double seconds = (lastReceived - firstDue) / 1e9;
		return (seconds > 0) ? Math.round(received / seconds * 10) / 10.0 : 0;
	}

	/**
	 * Client send → command on Kafka → event on Kafka → push on Kafka → receiver's
	 * socket.
	 */
	private static Map<String, Object> hops(Ledger ledger, List<Ledger.Sent> measured) {
		List<Ledger.Sent> traced = measured.stream()
			.filter((message) -> message.receivedNanos != 0 && message.commandAt != 0 && message.eventAt != 0
					&& message.pushAt != 0)
			.toList();
		Map<String, Object> hops = new LinkedHashMap<>();
		hops.put("traced", traced.size());
		hops.put("clientToGatewayPublish",
				percentiles(traced, (message) -> message.commandAt * 1000 - ledger.wallMicros(message.dueNanos)));
		hops.put("commandToEvent (persistence worker)",
				percentiles(traced, (message) -> (message.eventAt - message.commandAt) * 1000));
		hops.put("eventToPush (delivery worker)",
				percentiles(traced, (message) -> (message.pushAt - message.eventAt) * 1000));
		hops.put("pushToReceiver (gateway + socket)",
				percentiles(traced, (message) -> ledger.wallMicros(message.receivedNanos) - message.pushAt * 1000));
		return hops;
	}

	private static Map<String, Double> percentiles(List<Ledger.Sent> messages, ToLongFunction<Ledger.Sent> micros) {
		Histogram histogram = new Histogram(Ledger.MAX_MICROS, 3);
		messages.forEach((message) -> histogram
			.recordValue(Math.min(Math.max(micros.applyAsLong(message), 0), Ledger.MAX_MICROS)));
		return percentiles(histogram);
	}

	private static Map<String, Double> percentiles(Histogram histogram) {
		Map<String, Double> values = new LinkedHashMap<>();
		for (double percentile : PERCENTILES) {
			values.put("p" + (int) percentile, millis(histogram.getValueAtPercentile(percentile)));
		}
		values.put("max", millis(histogram.getMaxValue()));
		return values;
	}

	/** [percentile, ms] pairs, finer towards the tail, for the percentile chart. */
	private static List<double[]> curve(Histogram recorded) {
		// Late receipts may still be recorded: iterate over a snapshot.
		Histogram histogram = recorded.copy();
		List<double[]> points = new ArrayList<>();
		if (histogram.getTotalCount() == 0) {
			return points;
		}
		for (HistogramIterationValue value : histogram.percentiles(5)) {
			double percentile = value.getPercentileLevelIteratedTo();
			if (percentile >= 99.999) {
				break;
			}
			points.add(new double[] { percentile, millis(value.getValueIteratedTo()) });
		}
		points.add(new double[] { 99.999, millis(histogram.getValueAtPercentile(99.999)) });
		return points;
	}

	Map<String, Object> figures() {
		return this.figures;
	}

	private static double millis(long micros) {
		return Math.round(micros / 100.0) / 10.0;
	}

	@SuppressWarnings("unchecked")
	void print() {
		Map<String, Object> options = (Map<String, Object>) this.figures.get("options");
		System.out.println();
		System.out.printf("Ferry load run: %s users, %s msgs/s, %s s measured after %s s warm-up (%s)%n",
				options.get("users"), options.get("rate"), options.get("durationSeconds"), options.get("warmupSeconds"),
				options.get("target"));
		System.out.println("Counts: " + this.figures.get("counts"));
		System.out.println("Rates/s: " + this.figures.get("ratesPerSecond"));
		System.out.printf("%-40s %9s %9s %9s %9s%n", "latency (ms)", "p50", "p95", "p99", "max");
		print((Map<String, Map<String, Double>>) this.figures.get("latencyMs"));
		Map<String, Object> hops = new LinkedHashMap<>((Map<String, Object>) this.figures.get("hopsMs"));
		Object traced = hops.remove("traced");
		if (((Number) traced).longValue() > 0) {
			System.out.printf("per hop, %s messages traced:%n", traced);
			print((Map<String, Map<String, Double>>) (Map<String, ?>) hops);
		}
		else {
			System.out.println("per hop: not traced (--hops=on taps Kafka for it)");
		}
		System.out.println("CPU (cores, 2 available):");
		((Map<String, Double>) this.figures.get("cpuCores"))
			.forEach((name, cores) -> System.out.printf("  %-38s %5.2f%n", name, cores));
		System.out.println("CPU of the stack JVM's threads (cores, grouped by name):");
		((Map<String, Double>) this.figures.get("cpuCoresByStackThread"))
			.forEach((name, cores) -> System.out.printf("  %-38s %6.3f%n", name, cores));
		Map<String, Object> statements = (Map<String, Object>) this.figures.get("persistenceStatements");
		if (!statements.isEmpty()) {
			System.out.printf(
					"Persistence statements (PostgreSQL's count): %s per poll (%s in %s polls), %s ms of execution per poll%n",
					statements.get("statementsPerPoll"), statements.get("statements"), statements.get("polls"),
					statements.get("executionMsPerPoll"));
			((Map<String, Object>) statements.get("callsByStatement"))
				.forEach((query, calls) -> System.out.printf("  %8s  %s%n", calls, query));
		}
	}

	private static void print(Map<String, Map<String, Double>> rows) {
		rows.forEach((name, values) -> System.out.printf("  %-38s %9.1f %9.1f %9.1f %9.1f%n", name, values.get("p50"),
				values.get("p95"), values.get("p99"), values.get("max")));
	}

}
