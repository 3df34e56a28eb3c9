package dev.ferry.infra.devstack.cluster;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.ferry.infra.embedded.DataDirectory;
import dev.ferry.infra.devstack.DemoUsers;
import dev.ferry.infra.devstack.ExecutableJars;
import dev.ferry.infra.devstack.StackCredentials;

/**
 * {@code ./mvnw -q -Pcluster}: the local cluster on its standard ports, in
 * {@code .ferry/cluster}. {@code --fresh} wipes it first. Ctrl-C stops every process.
 */
public final class LocalClusterMain {

	private LocalClusterMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		List<String> options = List.of(args).stream().filter((arg) -> !arg.isBlank()).toList();
		if (!options.stream().allMatch((option) -> option.equals("--fresh"))) {
			System.err.println("Unknown option in " + options + "; the cluster takes only --fresh");
			System.exit(2);
		}
		Path directory = Path.of(".ferry", "cluster").toAbsolutePath();
		if (options.contains("--fresh")) {
			DataDirectory.wipe(directory);
		}
		long started = System.nanoTime();
		ClusterOptions standard = ClusterOptions.standard(directory, jars());
		LocalCluster cluster;
		try {
			cluster = LocalCluster.start(standard,
					(step) -> System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, step));
		}
		catch (RuntimeException ex) {
			System.err.println("The cluster did not start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "ferry-cluster-stop"));
		System.out.println();
		cluster.members()
			.forEach((member) -> System.out.printf("  %-20s %-19s pid %-8d %s%n", member.name(), member.role(),
					member.pid(), member.ports()));
		System.out.printf("""

				Ferry's cluster is running (started in %.1f s).
				  Chat:        http://localhost:8080/ and http://localhost:8090/
				  Demo login:  superadmin@maritime.com / %s
				  Processes:   %s   (kill any of them by pid)
				  Kafka:       %s   e.g. kafka-topics.sh --bootstrap-server %s --command-config %s --describe
				  PostgreSQL:  %s   e.g. PGPASSWORD=%s psql -h 127.0.0.1 -p %d -U %s ferry
				  Metrics:     http://localhost:8080/actuator/prometheus (Bearer %s), :8090 too
				  Credentials: %s   (PostgreSQL, S3, the scrape token, Kafka)
				  Logs:        %s
				Press Ctrl-C to stop.
				%n""", (System.nanoTime() - started) / 1e9, DemoUsers.PASSWORD, cluster.processesFile(),
				cluster.bootstrapServers(), cluster.bootstrapServers(), cluster.adminProperties(), cluster.jdbcUrl(),
				cluster.owner().password(), standard.postgresPort(), cluster.owner().user(),
				cluster.stackCredentials().scrapeToken(), directory.resolve(StackCredentials.FILE),
				directory.resolve("logs"));
		new CountDownLatch(1).await();
	}

	private static Map<String, Path> jars() {
		Map<String, Path> jars = new HashMap<>();
		for (String module : List.of(ClusterOptions.GATEWAY, ClusterOptions.PERSISTENCE_WORKER,
				ClusterOptions.DELIVERY_WORKER)) {
			ExecutableJars.of(module).ifPresent((jar) -> jars.put(module, jar));
		}
		return jars;
	}

}
