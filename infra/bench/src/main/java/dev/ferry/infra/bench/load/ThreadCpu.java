package dev.ferry.infra.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of one process's threads from {@code /proc/<pid>/task/*} (Linux), grouped by
 * name with the digits taken out ({@code ferry-persistence-0-C-1} and
 * {@code ferry-persistence-1-C-1} are one group): which loops cost what over a window,
 * exactly, where a sampling profiler estimates.
 */
final class ThreadCpu {

	private static final double TICKS = 100.0;

	/** At most this many groups are reported, the busiest first; the rest are summed. */
	private static final int GROUPS = 25;

	private final ProcessHandle process;

	private Map<String, Long> start = Map.of();

	private long startNanos;

	ThreadCpu(ProcessHandle process) {
		this.process = process;
	}

	void start() {
		this.start = ticksByGroup();
		this.startNanos = System.nanoTime();
	}

	/** Cores used by each group of threads since {@link #start()}, busiest first. */
	Map<String, Double> coresSinceStart() {
		double seconds = (System.nanoTime() - this.startNanos) / 1e9;
		Map<String, Long> now = ticksByGroup();
		List<Map.Entry<String, Double>> cores = now.entrySet()
			.stream()
			.map((group) -> Map.entry(group.getKey(),
					(group.getValue() - this.start.getOrDefault(group.getKey(), 0L)) / TICKS / seconds))
			.filter((group) -> group.getValue() > 0)
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.toList();
		Map<String, Double> report = new LinkedHashMap<>();
		cores.stream().limit(GROUPS).forEach((group) -> report.put(group.getKey(), rounded(group.getValue())));
		double rest = cores.stream().skip(GROUPS).mapToDouble(Map.Entry::getValue).sum();
		if (rest > 0) {
			report.put("(other threads)", rounded(rest));
		}
		return report;
	}

	private Map<String, Long> ticksByGroup() {
		Map<String, Long> ticks = new HashMap<>();
		Path tasks = Path.of("/proc", Long.toString(this.process.pid()), "task");
		try (Stream<Path> threads = Files.list(tasks)) {
			threads.forEach((thread) -> {
				try {
					String stat = Files.readString(thread.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
					ticks.merge(name.replaceAll("\\d+", "#"),
							Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)), Long::sum);
				}
				catch (IOException | RuntimeException ex) {
					// The thread ended meanwhile.
				}
			});
		}
		catch (IOException ex) {
			return Map.of();
		}
		return ticks;
	}

	private static double rounded(double cores) {
		return Math.round(cores * 1000) / 1000.0;
	}

}
