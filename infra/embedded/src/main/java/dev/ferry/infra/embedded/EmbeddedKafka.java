package dev.ferry.infra.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
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
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), started
 * in-process from Kafka's own server classes. Its log directory survives restarts, so a
 * stack started again keeps every record.
 */
public final class EmbeddedKafka implements AutoCloseable {

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

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
		formatIfNew(logDir);
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		server.startup();
		EmbeddedKafka kafka = new EmbeddedKafka(server, "127.0.0.1:" + port);
		kafka.awaitReady(Duration.ofSeconds(60));
		return kafka;
	}

	private static Map<String, Object> serverProperties(Path logDir, int port, int controllerPort) {
		return Map.ofEntries(Map.entry("process.roles", "broker,controller"), Map.entry("node.id", "1"),
				Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
				Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
				Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
				Map.entry("controller.listener.names", CONTROLLER_LISTENER),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"), Map.entry("log.dirs", logDir.toString()),
				// Topics come from the catalogue only; a typo in a topic name fails
				// instead of
				// silently creating a topic nobody reads.
				Map.entry("auto.create.topics.enable", "false"), Map.entry("offsets.topic.replication.factor", "1"),
				Map.entry("offsets.topic.num.partitions", "12"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				Map.entry("group.initial.rebalance.delay.ms", "0"),
				// Sized for a small machine that also runs every client: Kafka's defaults
				// (3
				// network, 8 I/O, 10 background threads) are for a dedicated server.
				Map.entry("num.network.threads", "1"), Map.entry("num.io.threads", "2"),
				Map.entry("background.threads", "2"), Map.entry("num.recovery.threads.per.data.dir", "1"));
	}

	private static void formatIfNew(Path logDir) {
		if (Files.exists(logDir.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logDir);
			new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.setNodeId(1)
				.setClusterId(Uuid.randomUuid().toString())
				.setDirectories(List.of(logDir.toString()))
				.setMetadataLogDirectory(logDir.toString())
				.setControllerListenerName(CONTROLLER_LISTENER)
				.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
				.run();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create Kafka log directory " + logDir, ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot format Kafka storage in " + logDir + ": " + ex.getMessage(), ex);
		}
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
