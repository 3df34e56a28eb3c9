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

			assertThat(topics).hasSize(10);
			assertThat(topics.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(12));
			Config presence = admin
				.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.PRESENCE.name())))
				.all()
				.get(30, TimeUnit.SECONDS)
				.values()
				.iterator()
				.next();
			assertThat(presence.get("cleanup.policy").value()).isEqualTo("compact");
		}
	}

}
