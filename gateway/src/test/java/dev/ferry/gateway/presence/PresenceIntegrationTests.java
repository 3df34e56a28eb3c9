package dev.ferry.gateway.presence;

import java.time.Duration;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.NodeId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.presence.PresenceRecord;
import dev.ferry.contracts.presence.SessionsChanged;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.client.SocketClient;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.TopicTail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TestPropertySource(properties = "ferry.gateway.node-id=" + PresenceIntegrationTests.NODE)
class PresenceIntegrationTests extends GatewayIntegrationTest {

	static final String NODE = "gateway-presence-test";

	@Autowired
	private PresenceView presence;

	@Test
	void firstSocketMakesTheUserOnlineAndClosingTheLastMakesThemOffline(FerryInfrastructure infrastructure) {
		UserId bob = new Seed(infrastructure.dataSource()).user("Bob");
		TopicTail<Envelope<PresenceRecord>> records = TopicTail.of(infrastructure, Topics.PRESENCE.name(),
				new EnvelopeDeserializer<>(PresenceRecord.class));
		Browser browser = new Browser(this.port);
		browser.login(Seed.emailOf(bob), "test123");
		assertThat(this.presence.isOnline(bob)).isFalse();

		SocketClient first = browser.openSocket(null);
		SocketClient second = browser.openSocket(null);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.presence.isOnline(bob));
		first.close();
		second.close();

		await().atMost(Duration.ofSeconds(20)).until(() -> !this.presence.isOnline(bob));
		assertThat(this.presence.lastSeenAt(bob)).isNotNull();
		String key = Topics.presenceKey(bob, new NodeId(NODE));
		assertThat(records.awaitRecords((record) -> key.equals(record.key()), 4))
			.extracting((record) -> ((SessionsChanged) record.value().payload()).sessions())
			.containsExactly(1, 2, 1, 0);
		records.close();
	}

}
