package dev.ferry.infra.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StackOptionsTests {

	@Test
	void defaultsRunEverythingEmbeddedOnTheUsualPorts() {
		StackOptions options = StackOptions.parse(List.of(""), Map.of());

		assertThat(options.dataDirectory()).isEqualTo(Path.of(".ferry").toAbsolutePath());
		assertThat(options.kafkaPort()).isEqualTo(9092);
		assertThat(options.postgresPort()).isNull();
		assertThat(options.externalKafka()).isNull();
		assertThat(options.externalJdbcUrl()).isNull();
		assertThat(options.fresh()).isFalse();
		assertThat(options.startServices()).isTrue();
		assertThat(options.separateProcesses()).isFalse();
		assertThat(options.traceAll()).isFalse();
	}

	@Test
	void externalServersComeFromOptionsOrEnvironment() {
		StackOptions options = StackOptions.parse(List.of("--kafka-bootstrap=broker:9092"),
				Map.of("FERRY_JDBC_URL", "jdbc:postgresql://db/ferry", "FERRY_JDBC_USER", "ferry"));

		assertThat(options.externalKafka()).isEqualTo("broker:9092");
		assertThat(options.externalJdbcUrl()).isEqualTo("jdbc:postgresql://db/ferry");
		assertThat(options.jdbcUser()).isEqualTo("ferry");
	}

	@Test
	void flagsAndPorts() {
		StackOptions options = StackOptions.parse(List.of("--fresh", "--infra-only", "--postgres-port=15432"),
				Map.of());

		assertThat(options.fresh()).isTrue();
		assertThat(options.startServices()).isFalse();
		assertThat(options.postgresPort()).isEqualTo(15432);
	}

	@Test
	void processesRunsEachServiceInAJvmOfItsOwn() {
		assertThat(StackOptions.parse(List.of("--processes"), Map.of()).separateProcesses()).isTrue();
	}

	@Test
	void traceAllTracesEveryMessage() {
		assertThat(StackOptions.parse(List.of("--trace-all"), Map.of()).traceAll()).isTrue();
	}

	@Test
	void rejectsAPortOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackOptions.parse(List.of("--kafka-port=99999"), Map.of()))
			.withMessage("--kafka-port must be a port number from 1 to 65535, not '99999'");
	}

	@Test
	void rejectsAnUnknownOptionWithTheUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> StackOptions.parse(List.of("--kafak-port=1"), Map.of()))
			.withMessageStartingWith("Unknown option --kafak-port")
			.withMessageContaining("--kafka-port=N");
	}

}
