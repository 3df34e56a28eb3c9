package dev.ferry.infra.embedded;

import java.time.Duration;
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

/**
 * Creates the topic catalogue on a Kafka cluster, leaving topics that already exist as
 * they are. Fails fast, with the address in the message, when the cluster does not
 * answer.
 */
public final class TopicProvisioner {

	private final String bootstrapServers;

	private final Duration timeout;

	public TopicProvisioner(String bootstrapServers, Duration timeout) {
		this.bootstrapServers = bootstrapServers;
		this.timeout = timeout;
	}

	/**
	 * Creates every catalogue topic that is missing.
	 * @param replicationFactor replicas per partition (1 on a single broker)
	 * @return the names of the topics this call created
	 */
	public List<String> provision(short replicationFactor) {
		try (Admin admin = Admin.create(adminConfig())) {
			Set<String> existing = admin.listTopics().names().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			List<NewTopic> missing = Topics.all()
				.stream()
				.filter((topic) -> !existing.contains(topic.name()))
				.map((topic) -> newTopic(topic, replicationFactor))
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
			throw new KafkaUnreachableException("Kafka at " + this.bootstrapServers + " did not answer within "
					+ this.timeout.toSeconds() + " s (" + ex + "). Is the bootstrap address right and the broker up?",
					ex);
		}
	}

	private Map<String, Object> adminConfig() {
		int millis = (int) this.timeout.toMillis();
		return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				millis);
	}

	private static NewTopic newTopic(TopicSpec topic, short replicationFactor) {
		return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(topic.configs());
	}

}
