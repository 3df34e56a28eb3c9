package dev.ferry.infra.devstack.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where a local cluster keeps its files, the ports of its processes, and what its
 * services run from.
 *
 * @param directory its data, logs, {@code processes.json} and {@code admin.properties}
 * @param brokerPorts client port of each Kafka node
 * @param controllerPorts controller port of each Kafka node
 * @param postgresPort PostgreSQL's port
 * @param s3Port the in-process S3 server's port, where attachments are kept
 * @param gatewayPorts HTTP port of each gateway
 * @param persistenceWorkerPorts health port of each persistence worker
 * @param deliveryWorkerPorts health port of each delivery worker
 * @param jars the executable jar of each service module
 * @param heartbeatInterval how often gateways heartbeat; a dead one is noticed after
 * three
 * @param extraArguments more command-line options per service module
 */
public record ClusterOptions(Path directory, List<Integer> brokerPorts, List<Integer> controllerPorts, int postgresPort,
		int s3Port, List<Integer> gatewayPorts, List<Integer> persistenceWorkerPorts, List<Integer> deliveryWorkerPorts,
		Map<String, Path> jars, Duration heartbeatInterval, Map<String, List<String>> extraArguments) {

	public static final String GATEWAY = "gateway";

	public static final String PERSISTENCE_WORKER = "persistence-worker";

	public static final String DELIVERY_WORKER = "delivery-worker";

	/** The fixed ports an operator finds in docs/operations.md. */
	public static ClusterOptions standard(Path directory, Map<String, Path> jars) {
		return new ClusterOptions(directory, List.of(9092, 9094, 9096), List.of(9093, 9095, 9097), 5433, 9000,
				List.of(8080, 8090), List.of(8081, 8091), List.of(8082, 8092), jars, Duration.ofSeconds(5), Map.of());
	}

	List<String> extraArguments(String module) {
		return this.extraArguments.getOrDefault(module, List.of());
	}

}
