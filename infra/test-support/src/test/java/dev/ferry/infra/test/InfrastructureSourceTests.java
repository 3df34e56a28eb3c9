package dev.ferry.infra.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.ferry.infra.test.InfrastructureSource.KAFKA_VARIABLE;
import static org.assertj.core.api.Assertions.assertThat;

class InfrastructureSourceTests {

	@Test
	void externalServerWinsWhenNamed() {
		Map<String, String> environment = Map.of(KAFKA_VARIABLE, "broker:9092");

		assertThat(InfrastructureSource.choose(environment, KAFKA_VARIABLE, true))
			.isEqualTo(InfrastructureSource.EXTERNAL);
	}

	@Test
	void testcontainersIsChosenWhenDockerAnswers() {
		assertThat(InfrastructureSource.choose(Map.of(), KAFKA_VARIABLE, true))
			.isEqualTo(InfrastructureSource.TESTCONTAINERS);
	}

	@Test
	void embeddedIsChosenWithoutDocker() {
		assertThat(InfrastructureSource.choose(Map.of(KAFKA_VARIABLE, " "), KAFKA_VARIABLE, false))
			.isEqualTo(InfrastructureSource.EMBEDDED);
	}

}
