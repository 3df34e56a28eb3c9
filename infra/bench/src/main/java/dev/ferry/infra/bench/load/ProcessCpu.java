package dev.ferry.infra.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of groups of processes from {@code /proc/<pid>/stat} (Linux): what each part
 * of the system costs, in cores, over a window.
 */
final class ProcessCpu {

	/** Clock ticks per second of {@code /proc} times; 100 on Linux. */
	private static final double TICKS = 100.0;

	private final Map<String, Collection<ProcessHandle>> groups;

	private final Map<String, Long> startTicks = new LinkedHashMap<>();

	private long startNanos;

	ProcessCpu(Map<String, ? extends Collection<ProcessHandle>> groups) {
		this.groups = new LinkedHashMap<>(groups);
	}

	void start() {
		this.groups.forEach((name, processes) -> this.startTicks.put(name, ticks(processes)));
		this.startNanos = System.nanoTime();
	}

	/** Cores used by each group since {@link #start()}: 1.0 is one core fully busy. */
	Map<String, Double> coresSinceStart() {
		double seconds = (System.nanoTime() - this.startNanos) / 1e9;
		Map<String, Double> cores = new LinkedHashMap<>();
		this.groups.forEach(
				(name, processes) -> cores.put(name, (ticks(processes) - this.startTicks.get(name)) / TICKS / seconds));
		return cores;
	}

	private static long ticks(Collection<ProcessHandle> processes) {
		return processes.stream().mapToLong(ProcessCpu::ticks).sum();
	}

	private static long ticks(ProcessHandle process) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
			// Fields after the command name, which is in parentheses and may hold spaces.
			List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
			return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
