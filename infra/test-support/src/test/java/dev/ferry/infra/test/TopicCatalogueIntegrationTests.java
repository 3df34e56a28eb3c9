package dev.ferry.infra.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ferry.contracts.topic.TopicSpec;
import dev.ferry.contracts.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@FerryIntegrationTest
class TopicCatalogueIntegrationTests {

	@Test
	void brokerHoldsEveryCatalogueTopicAsSpecified(FerryInfrastructure infrastructure) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
			List<String> names = Topics.all().stream().map(TopicSpec::name).toList();
			Map<String, TopicDescription> topics = admin.describeTopics(names)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);

			assertThat(topics).hasSize(14);
			assertThat(topics.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(12));
			Map<ConfigResource, Config> compacted = admin
				.describeConfigs(List.of(Topics.PRESENCE, Topics.USERS, Topics.CONVERSATIONS)
					.stream()
					.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
					.toList())
				.all()
				.get(30, TimeUnit.SECONDS);
			assertThat(compacted).hasSize(3)
				.allSatisfy((topic, config) -> assertThat(config.get("cleanup.policy").value()).isEqualTo("compact"));
		}
	}

}
