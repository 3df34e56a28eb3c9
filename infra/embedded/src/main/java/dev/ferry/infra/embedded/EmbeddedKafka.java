package dev.ferry.infra.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), started
 * in-process from Kafka's own server classes. Its log directory survives restarts, so a
 * stack started again keeps every record.
 */
public final class EmbeddedKafka implements AutoCloseable {

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Formats {@code logDir} if it is new, starts the broker on 127.0.0.1 and waits until
	 * it answers.
	 * @param logDir where the broker keeps its data
	 * @param port the client port
	 * @param controllerPort the controller (KRaft quorum) port
	 */
	public static EmbeddedKafka start(Path logDir, int port, int controllerPort) {
		Ports.requireFree("Kafka", port);
		Ports.requireFree("Kafka controller", controllerPort);
		Map<String, Object> properties = serverProperties(logDir, port, controllerPort);
		KafkaConfig config = new KafkaConfig(properties);
		KraftNode.formatIfNew(logDir, 1, Uuid.randomUuid().toString(), List.of());
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		server.startup();
		EmbeddedKafka kafka = new EmbeddedKafka(server, "127.0.0.1:" + port);
		kafka.awaitReady(Duration.ofSeconds(60));
		return kafka;
	}

	private static Map<String, Object> serverProperties(Path logDir, int port, int controllerPort) {
		Map<String, Object> properties = KraftNode.properties(1, "1@127.0.0.1:" + controllerPort, logDir, 1, 1);
		properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + KraftNode.CONTROLLER_LISTENER
				+ "://127.0.0.1:" + controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		properties.put("listener.security.protocol.map",
				"PLAINTEXT:PLAINTEXT," + KraftNode.CONTROLLER_LISTENER + ":PLAINTEXT");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		return properties;
	}

	private void awaitReady(Duration timeout) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			close();
			throw new IllegalStateException("Embedded Kafka did not answer within " + timeout, ex);
		}
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
