package dev.ferry.infra.devstack;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM settings of a service started as a process of its own, chosen for a small
 * machine that runs everything (Kafka, PostgreSQL, every service): the serial collector
 * (no collector threads competing for two cores, young pauses of a few milliseconds on a
 * heap this size), a bounded heap instead of a quarter of the machine's memory, and two
 * JIT compiler threads. {@code FERRY_SERVICE_JVM_OPTIONS} replaces them, e.g. to give the
 * gateway a larger heap. The stack's own JVM gets its settings where it is launched (the
 * {@code stack} profile, the load benchmark); see docs/operations.md.
 */
final class JvmOptions {

	static final String VARIABLE = "FERRY_SERVICE_JVM_OPTIONS";

	static final String SERVICE_DEFAULTS = "-XX:+UseSerialGC -Xms128m -Xmx768m -XX:CICompilerCount=2";

	private JvmOptions() {
	}

	static List<String> service() {
		String configured = System.getenv(VARIABLE);
		String options = (configured != null && !configured.isBlank()) ? configured : SERVICE_DEFAULTS;
		return Arrays.stream(options.trim().split("\\s+")).toList();
	}

}
