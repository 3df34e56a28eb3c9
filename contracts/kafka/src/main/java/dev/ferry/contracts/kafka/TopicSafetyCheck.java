package dev.ferry.contracts.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ferry.contracts.topic.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Refuses to let a service start on topics stored less safely than {@link TopicSafety}
 * asks: fewer replicas on any partition, a lower {@code min.insync.replicas}, or unclean
 * leader election on. Runs before anything consumes or produces; a failure stops the
 * service with every finding in one message.
 */
public final class TopicSafetyCheck implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(TopicSafetyCheck.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, Object> adminConfig;

	private final TopicSafety required;

	private final List<TopicSpec> topics;

	private volatile boolean running;

	/**
	 * @param adminConfig how to reach Kafka (as the service does)
	 * @param required the safety the topics must have at least
	 * @param topics the topics the service uses
	 */
	public TopicSafetyCheck(Map<String, Object> adminConfig, TopicSafety required, Collection<TopicSpec> topics) {
		this.adminConfig = new HashMap<>(adminConfig);
		this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		this.required = required;
		this.topics = List.copyOf(topics);
	}

	@Override
	public void start() {
		List<String> findings = findings();
		if (!findings.isEmpty()) {
			throw new UnsafeTopicsException("The topics are stored less safely than this service is configured for ("
					+ "ferry.topics.replication-factor=" + this.required.replicationFactor()
					+ ", ferry.topics.min-insync-replicas=" + this.required.minInsyncReplicas() + "):\n  "
					+ String.join("\n  ", findings)
					+ "\nFix the topics (kafka-topics --alter, kafka-configs --alter), or lower ferry.topics.* "
					+ "if this cluster is meant to be less safe.");
		}
		logger.info("{} topics checked: replication factor >= {}, min.insync.replicas >= {}", this.topics.size(),
				this.required.replicationFactor(), this.required.minInsyncReplicas());
		this.running = true;
	}

	/** What is wrong with the topics, one line each; empty when nothing is. */
	List<String> findings() {
		List<String> names = this.topics.stream().map(TopicSpec::name).toList();
		try (Admin admin = Admin.create(this.adminConfig)) {
			List<String> findings = new ArrayList<>();
			Map<String, TopicDescription> descriptions = new HashMap<>();
			// One request for all; each topic's answer comes on its own, a missing one
			// too.
			Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(names).topicNameValues();
			for (String name : names) {
				try {
					descriptions.put(name, described.get(name).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
						throw ex;
					}
					findings.add(name + ": does not exist");
				}
			}
			Map<ConfigResource, Config> configs = admin
				.describeConfigs(descriptions.keySet()
					.stream()
					.map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name))
					.toList())
				.all()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			descriptions.forEach((name, description) -> findings.addAll(
					findingsOf(name, description, configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)))));
			return findings;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking the topics", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not describe the topics " + names + " within "
					+ TIMEOUT.toSeconds() + " s: " + ex.getMessage(), ex);
		}
	}

	private List<String> findingsOf(String name, TopicDescription description, Config config) {
		List<String> findings = new ArrayList<>();
		int replicas = description.partitions()
			.stream()
			.mapToInt((partition) -> partition.replicas().size())
			.min()
			.orElse(0);
		if (replicas < this.required.replicationFactor()) {
			findings.add(name + ": replication factor " + replicas + ", needs " + this.required.replicationFactor());
		}
		int minInsync = Integer.parseInt(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
		if (minInsync < this.required.minInsyncReplicas()) {
			findings.add(name + ": min.insync.replicas " + minInsync + ", needs " + this.required.minInsyncReplicas());
		}
		if (this.required.replicationFactor() > 1
				&& Boolean.parseBoolean(config.get(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG).value())) {
			findings.add(name + ": unclean.leader.election.enable is true, which can lose acknowledged records");
		}
		return findings;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** First of all: nothing may consume or produce on unsafe topics. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
