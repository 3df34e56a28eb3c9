package dev.ferry.infra.devstack.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import dev.ferry.infra.devstack.ServiceProcess;

/**
 * A member of the cluster that runs as a child JVM and can be killed, stopped and started
 * again with the same command.
 */
final class ClusterProcess {

	private final String role;

	private final String name;

	private final Map<String, Integer> ports;

	private final Supplier<ServiceProcess> launcher;

	private final String readyText;

	private ServiceProcess process;

	ClusterProcess(String role, String name, Map<String, Integer> ports, String readyText,
			Supplier<ServiceProcess> launcher) {
		this.role = role;
		this.name = name;
		this.ports = Map.copyOf(ports);
		this.readyText = readyText;
		this.launcher = launcher;
	}

	/** Starts it, unless it runs. */
	synchronized void launch() {
		if (this.process == null || !this.process.isAlive()) {
			this.process = this.launcher.get();
		}
	}

	void awaitReady(Duration timeout) {
		current().awaitLog(this.readyText, timeout);
	}

	/** As {@code kill -9}: no shutdown at all. */
	void kill() {
		current().kill();
	}

	/** As {@code kill} (SIGTERM): a clean shutdown. */
	void stop() {
		current().close();
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	synchronized ServiceProcess current() {
		if (this.process == null) {
			throw new IllegalStateException(this.name + " has not been started");
		}
		return this.process;
	}

	Member member() {
		return new Member(this.role, this.name, isAlive() ? this.process.pid() : -1, this.ports);
	}

	String role() {
		return this.role;
	}

	String name() {
		return this.name;
	}

}
