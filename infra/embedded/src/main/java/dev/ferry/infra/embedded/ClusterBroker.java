package dev.ferry.infra.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One node of a local Kafka cluster, in a process of its own: broker and KRaft controller
 * together, clients and brokers authenticated with SASL/SCRAM, every request checked
 * against ACLs, topics replicated and never electing an out-of-sync leader. Runs until
 * the process is told to stop.
 * <p>
 * {@code java -cp … dev.ferry.infra.embedded.ClusterBroker <node id> <client port>
 * <controller port> <voters> <log dir> <cluster id> <credentials file>}
 */
public final class ClusterBroker {

	/** What the node prints once it serves; a launcher waits for it. */
	public static final String READY = "Kafka node ready";

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private static final String CLIENT_LISTENER = "SASL_PLAINTEXT";

	private ClusterBroker() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 7) {
			System.err.println("Usage: ClusterBroker <node id> <client port> <controller port> <voters> <log dir>"
					+ " <cluster id> <credentials file>");
			System.exit(2);
		}
		int nodeId = Integer.parseInt(args[0]);
		int port = Integer.parseInt(args[1]);
		int controllerPort = Integer.parseInt(args[2]);
		String voters = args[3];
		Path logDir = Path.of(args[4]);
		String clusterId = args[5];
		KafkaCredentials credentials = KafkaCredentials.loadOrCreate(Path.of(args[6]));
		formatIfNew(nodeId, logDir, clusterId, credentials);
		KafkaRaftServer server = new KafkaRaftServer(
				new KafkaConfig(properties(nodeId, port, controllerPort, voters, logDir, credentials)), Time.SYSTEM);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdown();
			server.awaitShutdown();
		}, "kafka-node-stop"));
		server.startup();
		System.out.println(READY + ": node " + nodeId + " on 127.0.0.1:" + port);
		server.awaitShutdown();
	}

	static Map<String, Object> properties(int nodeId, int port, int controllerPort, String voters, Path logDir,
			KafkaCredentials credentials) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", String.valueOf(nodeId));
		properties.put("controller.quorum.voters", voters);
		properties.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER
				+ "://127.0.0.1:" + controllerPort);
		properties.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + port);
		properties.put("controller.listener.names", CONTROLLER_LISTENER);
		properties.put("listener.security.protocol.map",
				CLIENT_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
		properties.put("inter.broker.listener.name", CLIENT_LISTENER);
		// Clients and brokers: SCRAM, users kept in the cluster metadata.
		properties.put("sasl.enabled.mechanisms", KafkaCredentials.MECHANISM);
		properties.put("sasl.mechanism.inter.broker.protocol", KafkaCredentials.MECHANISM);
		properties.put("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
				credentials.jaasConfig(KafkaCredentials.BROKER));
		// Controllers: PLAIN, as KRaft cannot read SCRAM users before it has metadata.
		properties.put("sasl.mechanism.controller.protocol", "PLAIN");
		properties.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
		properties.put("listener.name.controller.plain.sasl.jaas.config", credentials.controllerJaasConfig());
		properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		properties.put("super.users", "User:" + KafkaCredentials.BROKER + ";User:" + KafkaCredentials.CONTROLLER
				+ ";User:" + KafkaCredentials.ADMIN);
		properties.put("allow.everyone.if.no.acl.found", "false");
		properties.put("log.dirs", logDir.toString());
		properties.put("auto.create.topics.enable", "false");
		// Nothing acknowledged may rest on one copy, and no out-of-sync replica may lead.
		properties.put("default.replication.factor", "3");
		properties.put("min.insync.replicas", "2");
		properties.put("unclean.leader.election.enable", "false");
		properties.put("offsets.topic.replication.factor", "3");
		properties.put("offsets.topic.num.partitions", "12");
		properties.put("transaction.state.log.replication.factor", "3");
		properties.put("transaction.state.log.min.isr", "2");
		properties.put("share.coordinator.state.topic.replication.factor", "3");
		properties.put("share.coordinator.state.topic.min.isr", "2");
		properties.put("group.initial.rebalance.delay.ms", "0");
		// Three nodes and ten processes share one small machine.
		properties.put("num.network.threads", "1");
		properties.put("num.io.threads", "2");
		properties.put("background.threads", "2");
		properties.put("num.recovery.threads.per.data.dir", "1");
		properties.put("num.replica.fetchers", "1");
		return properties;
	}

	private static void formatIfNew(int nodeId, Path logDir, String clusterId, KafkaCredentials credentials)
			throws Exception {
		if (Files.exists(logDir.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logDir);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create Kafka log directory " + logDir, ex);
		}
		new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
			.setNodeId(nodeId)
			.setClusterId(clusterId)
			.setDirectories(List.of(logDir.toString()))
			.setMetadataLogDirectory(logDir.toString())
			.setControllerListenerName(CONTROLLER_LISTENER)
			.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
			.setScramArguments(credentials.scramArguments())
			.run();
	}

}
