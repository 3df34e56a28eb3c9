package dev.ferry.infra.test;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

@FerryIntegrationTest
class InfrastructureSelectionIntegrationTests {

	@Test
	void choosesBySourceRulesOnThisMachine(FerryInfrastructure infrastructure) {
		boolean docker = DockerClientFactory.instance().isDockerAvailable();

		assertThat(infrastructure.kafkaSource())
			.isEqualTo(InfrastructureSource.choose(System.getenv(), InfrastructureSource.KAFKA_VARIABLE, docker));
		assertThat(infrastructure.databaseSource())
			.isEqualTo(InfrastructureSource.choose(System.getenv(), InfrastructureSource.JDBC_VARIABLE, docker));
		System.out.printf("Test infrastructure: Kafka %s at %s, PostgreSQL %s at %s (Docker available: %s)%n",
				infrastructure.kafkaSource(), infrastructure.kafkaBootstrapServers(), infrastructure.databaseSource(),
				infrastructure.jdbcUrl(), docker);
	}

}
