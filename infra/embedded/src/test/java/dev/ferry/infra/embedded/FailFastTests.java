package dev.ferry.infra.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bad configuration fails at once with a message that says what to do, never a hang.
 */
@Timeout(30)
class FailFastTests {

	@TempDir
	Path data;

	@Test
	void kafkaRefusesATakenPort() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatExceptionOfType(PortInUseException.class)
				.isThrownBy(() -> EmbeddedKafka.start(this.data, taken.getLocalPort(), Ports.findFree()))
				.withMessageContaining("Kafka cannot start: port " + taken.getLocalPort())
				.withMessageContaining("already in use");
		}
	}

	@Test
	void aClusterNodeWhosePortIsTakenStopsInsteadOfHanging() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int controllerPort = Ports.findFree();
			Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), ClusterBroker.class.getName(), "1",
					String.valueOf(taken.getLocalPort()), String.valueOf(controllerPort),
					"1@127.0.0.1:" + controllerPort, this.data.resolve("kafka").toString(),
					Uuid.randomUuid().toString(), this.data.resolve("credentials.properties").toString())
				.redirectErrorStream(true)
				.redirectOutput(this.data.resolve("node.log").toFile())
				.start();
			try {
				assertThat(node.waitFor(25, TimeUnit.SECONDS)).as("the node stopped").isTrue();
				assertThat(node.exitValue()).isEqualTo(1);
				assertThat(Files.readString(this.data.resolve("node.log")))
					.contains("Socket server failed to bind to 127.0.0.1:" + taken.getLocalPort());
			}
			finally {
				node.destroyForcibly();
			}
		}
	}

	@Test
	void postgresRefusesATakenPort() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatExceptionOfType(PortInUseException.class)
				.isThrownBy(() -> EmbeddedPostgresServer.start(this.data, taken.getLocalPort(), Secrets.generate()))
				.withMessageContaining("PostgreSQL cannot start: port " + taken.getLocalPort());
		}
	}

	@Test
	void unreachableKafkaIsReportedWithItsAddress() {
		String nobody = "127.0.0.1:" + Ports.findFree();

		assertThatExceptionOfType(KafkaUnreachableException.class)
			.isThrownBy(() -> new TopicProvisioner(nobody, Duration.ofSeconds(3)).provision())
			.withMessageContaining("Kafka at " + nobody + " did not answer within 3 s");
	}

	@Test
	void unreachableDatabaseIsReportedAtOnce() {
		String nobody = "jdbc:postgresql://127.0.0.1:" + Ports.findFree() + "/ferry";

		assertThatExceptionOfType(FlywayException.class)
			.isThrownBy(() -> SchemaMigrator.migrate(nobody, "postgres", ""))
			.withMessageContaining("Connection to 127.0.0.1");
	}

}
