package dev.ferry.persistence.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ferry.persistence.system.PersistenceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * For fault tests only: once the file {@code ferry.persistence.crash-after-commit-file}
 * names appears, the worker dies at its next commit, after the transaction and before the
 * events are published, as a {@code kill -9} that lands in that window would. Unset, as
 * in production, it does nothing.
 */
@Component
class CrashSwitch {

	private static final Logger logger = LoggerFactory.getLogger(CrashSwitch.class);

	private final Path trigger;

	CrashSwitch(PersistenceSettings settings) {
		this.trigger = settings.crashAfterCommitFile();
	}

	/** Called between a commit and its publish. */
	void afterCommit() {
		if (this.trigger == null || !Files.exists(this.trigger)) {
			return;
		}
		try {
			Files.delete(this.trigger);
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}", this.trigger, ex);
		}
		logger.error("Crash switch {}: halting between commit and publish", this.trigger);
		// No shutdown hooks, no flush: what kill -9 does.
		Runtime.getRuntime().halt(137);
	}

}
