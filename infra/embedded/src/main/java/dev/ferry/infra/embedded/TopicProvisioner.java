package dev.ferry.infra.embedded;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the topic catalogue on a Kafka cluster, leaving topics that already exist as
 * they are. Fails fast, with the address in the message, when the cluster does not
 * answer.
 */
public final class TopicProvisioner {

	private final Map<String, Object> clientConfig;

	private final Duration timeout;

	public TopicProvisioner(String bootstrapServers, Duration timeout) {
		this(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), timeout);
	}

	/**
	 * @param clientConfig how to reach the cluster: its bootstrap address and any
	 * credentials
	 * @param timeout how long to wait for the cluster
	 */
	public TopicProvisioner(Map<String, Object> clientConfig, Duration timeout) {
		this.clientConfig = Map.copyOf(clientConfig);
		this.timeout = timeout;
	}

	/**
	 * Creates every catalogue topic that is missing on a single broker: one replica.
	 * @return the names of the topics this call created
	 */
	public List<String> provision() {
		return provision(1, 1);
	}

	/**
	 * Creates every catalogue topic that is missing, with unclean leader election off.
	 * @param replicationFactor replicas per partition (1 on a single broker)
	 * @param minInsyncReplicas replicas that must have a record before it counts as
	 * written
	 * @return the names of the topics this call created
	 */
	public List<String> provision(int replicationFactor, int minInsyncReplicas) {
		try (Admin admin = Admin.create(adminConfig())) {
			Set<String> existing = admin.listTopics().names().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			List<NewTopic> missing = Topics.all()
				.stream()
				.filter((topic) -> !existing.contains(topic.name()))
				.map((topic) -> newTopic(topic, (short) replicationFactor, minInsyncReplicas))
				.toList();
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			return missing.stream().map(NewTopic::name).toList();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaUnreachableException("Kafka at " + bootstrapServers() + " did not answer within "
					+ this.timeout.toSeconds() + " s (" + ex + "). Is the bootstrap address right and the broker up?",
					ex);
		}
	}

	private Map<String, Object> adminConfig() {
		int millis = (int) this.timeout.toMillis();
		Map<String, Object> config = new HashMap<>(this.clientConfig);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
		return config;
	}

	private Object bootstrapServers() {
		return this.clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
	}

	private static NewTopic newTopic(TopicSpec topic, short replicationFactor, int minInsyncReplicas) {
		Map<String, String> configs = new HashMap<>(topic.configs());
		configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
		configs.put(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
		return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configs);
	}

}
