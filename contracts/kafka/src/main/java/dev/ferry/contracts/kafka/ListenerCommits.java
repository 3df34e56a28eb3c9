package dev.ferry.contracts.kafka;

import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * How Ferry's listener containers commit offsets.
 */
public final class ListenerCommits {

	private ListenerCommits() {
	}

	/**
	 * Commits a poll's offsets without waiting for the broker's answer, so the next poll
	 * starts at once. Safe only for listeners whose every output is de-duplicated
	 * downstream: a commit lost in a crash means the last polls are read again. On a
	 * rebalance or stop the container still commits what it has, synchronously.
	 */
	public static ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asynchronous() {
		return (container) -> container.getContainerProperties().setSyncCommits(false);
	}

}
