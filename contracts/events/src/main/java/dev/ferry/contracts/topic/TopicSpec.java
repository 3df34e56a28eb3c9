package dev.ferry.contracts.topic;

import java.time.Duration;
import java.util.Map;

/**
 * One Kafka topic of the catalogue: its name, what its key means and how it is kept.
 *
 * @param name the topic name
 * @param key what the record key is
 * @param partitions the partition count by default
 * @param retention how long records are kept (ignored by compaction-only topics)
 * @param cleanupPolicy {@code delete} or {@code compact}
 * @param deadLetter whether this is a dead-letter topic
 */
public record TopicSpec(String name, String key, int partitions, Duration retention, String cleanupPolicy,
		boolean deadLetter) {

	/**
	 * Suffix that spring-kafka's dead-letter recoverer appends to a source topic's name.
	 */
	public static final String DLT_SUFFIX = ".DLT";

	/**
	 * The dead-letter topic of this topic: same key and partition count, so a poison
	 * record lands on the partition of its source, kept long enough to inspect and
	 * replay.
	 */
	public TopicSpec deadLetterTopic() {
		return new TopicSpec(this.name + DLT_SUFFIX, this.key, this.partitions, Duration.ofDays(14), "delete", true);
	}

	/** Topic-level configuration for creating the topic. */
	public Map<String, String> configs() {
		if ("compact".equals(this.cleanupPolicy)) {
			return Map.of("cleanup.policy", "compact");
		}
		return Map.of("cleanup.policy", this.cleanupPolicy, "retention.ms", Long.toString(this.retention.toMillis()));
	}

}
