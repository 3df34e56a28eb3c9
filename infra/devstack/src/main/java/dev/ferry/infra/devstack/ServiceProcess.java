package dev.ferry.infra.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Ferry service running as a child JVM from its executable jar, exactly as it runs in
 * production, with its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private ServiceProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
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
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments);
		try {
			Files.createDirectories(logDirectory);
			Path log = logDirectory.resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ServiceProcess(name, process, log);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + name + ": " + ex.getMessage(), ex);
		}
	}

	/** Waits until Spring Boot reports the service started. */
	public void awaitStarted(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!isAlive()) {
				throw new IllegalStateException(this.name + " stopped while starting. Last log lines:\n" + logTail(30));
			}
			if (logTail(200).contains("Started ")) {
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
		throw new IllegalStateException(
				this.name + " did not start within " + timeout.toSeconds() + " s; see " + this.log);
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
