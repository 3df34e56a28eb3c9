package dev.ferry.infra.test;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.ferry.infra.embedded.DataDirectory;
import dev.ferry.infra.embedded.EmbeddedKafka;
import dev.ferry.infra.embedded.EmbeddedPostgresServer;
import dev.ferry.infra.embedded.Ports;
import dev.ferry.infra.embedded.Secrets;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Starts Kafka and PostgreSQL from the chosen source.
 */
final class InfrastructureStarter {

	private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

	private static final String POSTGRES_IMAGE = "postgres:17-alpine";

	private static final String EXTERNAL_USER_VARIABLE = "FERRY_TEST_JDBC_USER";

	private static final String EXTERNAL_PASSWORD_VARIABLE = "FERRY_TEST_JDBC_PASSWORD";

	private InfrastructureStarter() {
	}

	static RunningKafka kafka(InfrastructureSource source) throws Exception {
		switch (source) {
			case EXTERNAL:
				return new RunningKafka(System.getenv(InfrastructureSource.KAFKA_VARIABLE), source, () -> {
				});
			case TESTCONTAINERS:
				KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
				container.start();
				return new RunningKafka(container.getBootstrapServers(), source, container::stop);
			default:
				Path logDir = Files.createTempDirectory("ferry-test-kafka");
				EmbeddedKafka kafka = EmbeddedKafka.start(logDir, Ports.findFree(), Ports.findFree());
				return new RunningKafka(kafka.bootstrapServers(), source, () -> {
					kafka.close();
					// Each run's log is some 30 MB: left behind, /tmp fills run by run.
					DataDirectory.wipe(logDir);
				});
		}
	}

	static RunningDatabase database(InfrastructureSource source) {
		switch (source) {
			case EXTERNAL:
				return new RunningDatabase(System.getenv(InfrastructureSource.JDBC_VARIABLE),
						System.getenv().getOrDefault(EXTERNAL_USER_VARIABLE, "postgres"),
						System.getenv().getOrDefault(EXTERNAL_PASSWORD_VARIABLE, ""), source, () -> {
						});
			case TESTCONTAINERS:
				PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
				container.start();
				return new RunningDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
						source, container::stop);
			default:
				EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, Ports.findFree(),
						Secrets.generate());
				return new RunningDatabase(postgres.jdbcUrl(), postgres.username(), postgres.password(), source,
						postgres);
		}
	}

}
