package dev.ferry.infra.devstack;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM settings of a service started as a process of its own, chosen for a small
 * machine that runs everything (Kafka, PostgreSQL, every service): the parallel collector
 * with two threads (young pauses half as long as the serial collector's, measured, and no
 * concurrent collector threads competing with the work), a bounded heap instead of a
 * quarter of the machine's memory, and two JIT compiler threads.
 * {@code FERRY_SERVICE_JVM_OPTIONS} replaces them, e.g. to give the gateway a larger
 * heap. The stack's own JVM gets its settings where it is launched (the {@code stack}
 * profile, the load benchmark); see docs/operations.md.
 */
public final class JvmOptions {

	/** The environment variable whose value replaces the defaults. */
	public static final String VARIABLE = "FERRY_SERVICE_JVM_OPTIONS";

	private static final String SERVICE_FLAGS = "-XX:+UseParallelGC -XX:ParallelGCThreads=2 -Xms128m -XX:CICompilerCount=2";

	static final String SERVICE_DEFAULTS = withMaxHeap("768m");

	private JvmOptions() {
	}

	/** The service settings with another heap ceiling, e.g. {@code 2g}. */
	public static String withMaxHeap(String maxHeap) {
		return SERVICE_FLAGS + " -Xmx" + maxHeap;
	}

	static List<String> service() {
		String configured = System.getenv(VARIABLE);
		String options = (configured != null && !configured.isBlank()) ? configured : SERVICE_DEFAULTS;
		return Arrays.stream(options.trim().split("\\s+")).toList();
	}

}
