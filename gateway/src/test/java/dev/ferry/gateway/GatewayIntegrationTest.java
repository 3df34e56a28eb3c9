package dev.ferry.gateway;

import dev.ferry.infra.test.client.Browser;
import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running gateway on a random port against the real Kafka and PostgreSQL.
 */
@FerryIntegrationTest
// Each test context is a gateway node of its own: node ids are unique among live nodes.
// The gateway ships no scrape token: each context makes one up.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"ferry.gateway.node-id=gateway-test-${random.uuid}", "ferry.metrics.scrape-token=${random.uuid}" })
public abstract class GatewayIntegrationTest {

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	/** A browser logged in as a user made by {@link Seed}. */
	protected Browser loggedIn(UserId user) {
		Browser browser = new Browser(this.port);
		assertThat(browser.login(Seed.emailOf(user), "test123").statusCode()).isEqualTo(200);
		return browser;
	}

}
