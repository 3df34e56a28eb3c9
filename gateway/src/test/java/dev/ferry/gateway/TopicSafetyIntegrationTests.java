package dev.ferry.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ferry.contracts.kafka.TopicSafety;
import dev.ferry.contracts.kafka.TopicSafetyCheck;
import dev.ferry.contracts.kafka.UnsafeTopicsException;
import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A service refuses to start on topics stored less safely than it is configured for; the
 * test broker has one copy of everything.
 */
@FerryIntegrationTest
class TopicSafetyIntegrationTests {

	@Test
	void topicsAsSafeAsConfiguredPassTheCheck(FerryInfrastructure infrastructure) {
		TopicSafetyCheck check = check(infrastructure, TopicSafety.SINGLE_BROKER, List.of(Topics.INBOUND));

		check.start();

		assertThat(check.isRunning()).isTrue();
	}

	@Test
	void fewerReplicasThanConfiguredStopTheServiceWithEveryFinding(FerryInfrastructure infrastructure) {
		TopicSafetyCheck check = check(infrastructure, new TopicSafety(3, 2), List.of(Topics.INBOUND,
				new TopicSpec("chat.nowhere.v1", "id", 1, Duration.ofDays(1), "delete", false)));

		assertThatExceptionOfType(UnsafeTopicsException.class).isThrownBy(check::start).withMessage("""
				The topics are stored less safely than this service is configured for \
				(ferry.topics.replication-factor=3, ferry.topics.min-insync-replicas=2):
				  chat.nowhere.v1: does not exist
				  chat.inbound.v1: replication factor 1, needs 3
				  chat.inbound.v1: min.insync.replicas 1, needs 2
				Fix the topics (kafka-topics --alter, kafka-configs --alter), or lower ferry.topics.* \
				if this cluster is meant to be less safe.""");
		assertThat(check.isRunning()).isFalse();
	}

	private static TopicSafetyCheck check(FerryInfrastructure infrastructure, TopicSafety safety,
			List<TopicSpec> topics) {
		return new TopicSafetyCheck(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()), safety,
				topics);
	}

}
