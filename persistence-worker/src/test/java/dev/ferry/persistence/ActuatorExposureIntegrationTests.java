package dev.ferry.persistence;

import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import dev.ferry.infra.test.client.Reachability;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The worker's actuators have no login, so they answer on loopback only: from any other
 * address of the machine, as from another host, nothing listens.
 */
@FerryIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ActuatorExposureIntegrationTests {

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@Test
	void actuatorsListenOnLoopbackOnly() {
		assumeTrue(Reachability.nonLoopbackAddress().isPresent(), "this machine has no address besides loopback");

		assertThat(Reachability.whoAccepts(this.port)).isEqualTo("loopback only");
	}

}
