package dev.ferry.infra.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a running JVM (a service of the stack) through the JDK's {@code jcmd}.
 */
final class Jcmd {

	/**
	 * A generation's line of {@code GC.heap_info} (young and old, or G1's one heap); the
	 * metaspace lines have no total before their use.
	 */
	private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	/**
	 * The last line of {@code GC.class_histogram}: instances and bytes of every class.
	 */
	private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

	private Jcmd() {
	}

	/**
	 * Heap in use after a full collection, as {@code jcmd GC.heap_info} tells it: the sum
	 * over the generations, as a full collection need not empty the young one.
	 */
	static double heapAfterGcMiB(ProcessHandle process) {
		run(process, "GC.run");
		Matcher used = HEAP_USED.matcher(run(process, "GC.heap_info"));
		long kib = 0;
		while (used.find()) {
			kib += Long.parseLong(used.group(1));
		}
		return kib / 1024.0;
	}

	/**
	 * The live heap, as {@code GC.class_histogram} counts it: a full collection and the
	 * count in one pause. {@link #heapAfterGcMiB} takes two commands, and a process that
	 * allocates fast between them (uploads copy through short-lived buffers) shows that
	 * garbage as used.
	 */
	static double liveHeapMiB(ProcessHandle process) {
		Matcher total = HISTOGRAM_TOTAL.matcher(run(process, "GC.class_histogram"));
		return total.find() ? Long.parseLong(total.group(1)) / (1024.0 * 1024.0) : 0;
	}

	static String run(ProcessHandle process, String command) {
		try {
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					Long.toString(process.pid()), command)
				.redirectErrorStream(true)
				.start();
			String output = new String(jcmd.getInputStream().readAllBytes());
			jcmd.waitFor(60, TimeUnit.SECONDS);
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("jcmd failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking jcmd", ex);
		}
	}

}
