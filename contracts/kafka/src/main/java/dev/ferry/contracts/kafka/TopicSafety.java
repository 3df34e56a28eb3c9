package dev.ferry.contracts.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How safely the topics must be stored: the provisioner creates them so, and every
 * service refuses to start on topics stored less safely. Defaults are in each service's
 * {@code application.yaml}: 1 and 1, for the one embedded broker; 3 and 2 on a cluster.
 *
 * @param replicationFactor copies of each partition, on as many brokers
 * @param minInsyncReplicas copies that must have a record before a producer with
 * {@code acks=all} is told it is written
 */
@ConfigurationProperties("ferry.topics")
public record TopicSafety(int replicationFactor, int minInsyncReplicas) {

	/** What one broker allows: one copy. */
	public static final TopicSafety SINGLE_BROKER = new TopicSafety(1, 1);

	public TopicSafety {
		if (replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
			throw new IllegalArgumentException("ferry.topics needs 1 <= min-insync-replicas <= replication-factor, not "
					+ minInsyncReplicas + " and " + replicationFactor);
		}
	}

}
