package dev.ferry.infra.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * What every Kafka node Ferry starts shares, the one embedded broker and each node of the
 * local cluster alike: KRaft in combined mode (broker and controller in one process),
 * storage formatted on first start, and settings for a small machine.
 */
final class KraftNode {

	/** The name of the controller (KRaft quorum) listener. */
	static final String CONTROLLER_LISTENER = "CONTROLLER";

	private KraftNode() {
	}

	/**
	 * The settings every node has; the caller adds its listeners and their security.
	 * @param replicationFactor copies of Kafka's own topics (offsets, transactions)
	 * @param minInsyncReplicas copies of them that must have a record
	 */
	static Map<String, Object> properties(int nodeId, String voters, Path logDir, int replicationFactor,
			int minInsyncReplicas) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", String.valueOf(nodeId));
		properties.put("controller.quorum.voters", voters);
		properties.put("controller.listener.names", CONTROLLER_LISTENER);
		properties.put("log.dirs", logDir.toString());
		// Topics come from the catalogue only; a typo in a topic name fails instead of
		// silently creating a topic nobody reads.
		properties.put("auto.create.topics.enable", "false");
		properties.put("offsets.topic.replication.factor", String.valueOf(replicationFactor));
		properties.put("offsets.topic.num.partitions", "12");
		properties.put("transaction.state.log.replication.factor", String.valueOf(replicationFactor));
		properties.put("transaction.state.log.min.isr", String.valueOf(minInsyncReplicas));
		properties.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicationFactor));
		properties.put("share.coordinator.state.topic.min.isr", String.valueOf(minInsyncReplicas));
		properties.put("group.initial.rebalance.delay.ms", "0");
		// Sized for a small machine that also runs every client: Kafka's defaults (3
		// network, 8 I/O, 10 background threads) are for a dedicated server.
		properties.put("num.network.threads", "1");
		properties.put("num.io.threads", "2");
		properties.put("background.threads", "2");
		properties.put("num.recovery.threads.per.data.dir", "1");
		return properties;
	}

	/**
	 * Formats {@code logDir} as the node's storage unless it already is.
	 * @param scramArguments SCRAM users to create with the cluster, as
	 * {@code kafka-storage format --add-scram} takes them; none for an open broker
	 */
	static void formatIfNew(Path logDir, int nodeId, String clusterId, List<String> scramArguments) {
		if (Files.exists(logDir.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logDir);
			new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.setNodeId(nodeId)
				.setClusterId(clusterId)
				.setDirectories(List.of(logDir.toString()))
				.setMetadataLogDirectory(logDir.toString())
				.setControllerListenerName(CONTROLLER_LISTENER)
				.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
				.setScramArguments(scramArguments)
				.run();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create Kafka log directory " + logDir, ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot format Kafka storage in " + logDir + ": " + ex.getMessage(), ex);
		}
	}

}
