package dev.ferry.infra.embedded;

import java.nio.file.Path;
import java.util.Map;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

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
		KraftNode.formatIfNew(logDir, nodeId, clusterId, credentials.scramArguments());
		KafkaRaftServer server = new KafkaRaftServer(
				new KafkaConfig(properties(nodeId, port, controllerPort, voters, logDir, credentials)), Time.SYSTEM);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdown();
			server.awaitShutdown();
		}, "kafka-node-stop"));
		try {
			server.startup();
		}
		catch (RuntimeException ex) {
			// As Kafka's own main does: a node that cannot serve (its port taken, say)
			// must
			// stop, not linger half-started with its threads keeping the JVM up.
			System.err.println("Kafka node " + nodeId + " could not start: " + ex);
			System.exit(1);
		}
		System.out.println(READY + ": node " + nodeId + " on 127.0.0.1:" + port);
		server.awaitShutdown();
	}

	static Map<String, Object> properties(int nodeId, int port, int controllerPort, String voters, Path logDir,
			KafkaCredentials credentials) {
		Map<String, Object> properties = KraftNode.properties(nodeId, voters, logDir, 3, 2);
		properties.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + port + "," + KraftNode.CONTROLLER_LISTENER
				+ "://127.0.0.1:" + controllerPort);
		properties.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + port);
		properties.put("listener.security.protocol.map",
				CLIENT_LISTENER + ":SASL_PLAINTEXT," + KraftNode.CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
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
		// Nothing acknowledged may rest on one copy, and no out-of-sync replica may lead.
		properties.put("default.replication.factor", "3");
		properties.put("min.insync.replicas", "2");
		properties.put("unclean.leader.election.enable", "false");
		properties.put("num.replica.fetchers", "1");
		return properties;
	}

}
