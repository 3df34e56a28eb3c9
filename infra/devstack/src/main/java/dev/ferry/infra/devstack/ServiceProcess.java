package dev.ferry.infra.devstack;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One Ferry service running as a child JVM from its executable jar, exactly as it runs in
 * production, with its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in [0-9.]+ seconds");

	private final String name;

	private final Process process;

	private final Path log;

	/** Where this run's output begins in the log, which earlier runs appended to. */
	private final long logStart;

	private ServiceProcess(String name, Process process, Path log, long logStart) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.logStart = logStart;
	}

	/**
	 * Starts a service from its executable jar with the Java that runs this process.
	 * @param name names the log file, {@code <name>.log} in {@code logDirectory}
	 */
	public static ServiceProcess start(String name, Path jar, List<String> arguments, Path logDirectory) {
		return start(name, jar, List.of(), arguments, logDirectory);
	}

	/** Starts a service with options for its JVM. */
	public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> arguments,
			Path logDirectory) {
		return start(name, jar, jvmOptions, arguments, Map.of(), logDirectory);
	}

	/**
	 * Starts a service with options for its JVM and variables in its environment, where
	 * secrets belong: unlike arguments, other users of the machine cannot list them.
	 */
	public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> arguments,
			Map<String, String> environment, Path logDirectory) {
		List<String> command = new ArrayList<>(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments);
		return java(name, command, environment, logDirectory);
	}

	/**
	 * Starts a JVM with the Java that runs this process.
	 * @param arguments everything after {@code java}
	 */
	public static ServiceProcess java(String name, List<String> arguments, Map<String, String> environment,
			Path logDirectory) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(arguments);
		try {
			Files.createDirectories(logDirectory);
			Path log = logDirectory.resolve(name + ".log");
			long logStart = Files.exists(log) ? Files.size(log) : 0;
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			Process process = builder.start();
			return new ServiceProcess(name, process, log, logStart);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Waits until Spring Boot reports the service started ("Started GatewayApplication in
	 * 9.1 seconds"), not merely its web server's context, which Jetty reports as
	 * "Started" too.
	 */
	public void awaitStarted(Duration timeout) {
		awaitLog(STARTED, timeout);
	}

	/** Waits until the process logs a line containing {@code text} (since it started). */
	public void awaitLog(String text, Duration timeout) {
		awaitLog(Pattern.compile(Pattern.quote(text)), timeout);
	}

	private void awaitLog(Pattern text, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!isAlive()) {
				throw new IllegalStateException(this.name + " stopped while starting. Last log lines:\n" + logTail(30));
			}
			if (text.matcher(logSinceStart()).find()) {
				return;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while " + this.name + " started", ex);
			}
		}
		throw new IllegalStateException(this.name + " did not start within " + timeout.toSeconds() + " s; see "
				+ this.log + ". Last log lines:\n" + logTail(30));
	}

	/**
	 * Kills the process at once, as a crash or a pulled plug would: no shutdown hooks.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public long pid() {
		return this.process.pid();
	}

	public String name() {
		return this.name;
	}

	public Path log() {
		return this.log;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	private String logSinceStart() {
		try (SeekableByteChannel channel = Files.newByteChannel(this.log)) {
			channel.position(this.logStart);
			return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** The last lines of its log, to explain why it stopped. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		stop(this.process, Duration.ofSeconds(20));
	}

	/**
	 * Asks a process to stop (SIGTERM, so it can shut down cleanly) and kills it if it is
	 * still there after {@code grace}.
	 */
	public static void stop(Process process, Duration grace) {
		process.destroy();
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

}
