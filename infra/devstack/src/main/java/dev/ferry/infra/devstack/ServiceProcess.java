package dev.ferry.infra.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Ferry service running as a child JVM from its executable jar, exactly as it runs in
 * production, with its output in a log file.
 */
final class ServiceProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private ServiceProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ServiceProcess start(String name, Path jar, List<String> arguments, Path logDirectory) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
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

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** The last lines of its log, to explain why it stopped. */
	String logTail(int lines) {
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
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
