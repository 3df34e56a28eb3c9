package dev.ferry.gateway.system;

import java.time.Duration;

/**
 * A last thing a stopping gateway does that needs Kafka or the database, which may be
 * gone: it runs on a daemon thread of its own and is waited for a bounded time, so a
 * shutdown never hangs on it.
 */
public final class ShutdownStep {

	private ShutdownStep() {
	}

	/**
	 * Runs the step and waits for it at most {@code wait}; a step still running then is
	 * left to finish or die with the process.
	 */
	public static void run(String name, Duration wait, Runnable step) {
		Thread thread = new Thread(step, name);
		thread.setDaemon(true);
		thread.start();
		try {
			thread.join(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
