package dev.ferry.infra.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
	void postgresRefusesATakenPort() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatExceptionOfType(PortInUseException.class)
				.isThrownBy(() -> EmbeddedPostgresServer.start(this.data, taken.getLocalPort()))
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
