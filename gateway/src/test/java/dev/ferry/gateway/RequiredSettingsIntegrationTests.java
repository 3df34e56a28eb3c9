package dev.ferry.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The gateway ships no login and no secret: started without one it stops at once, naming
 * the setting (and the environment variable) a deployment must give it.
 */
@FerryIntegrationTest
class RequiredSettingsIntegrationTests {

	@ParameterizedTest
	@CsvSource({ "spring.datasource.username, SPRING_DATASOURCE_USERNAME",
			"spring.datasource.password, SPRING_DATASOURCE_PASSWORD",
			"ferry.metrics.scrape-token, FERRY_METRICS_SCRAPE_TOKEN" })
	void theGatewayDoesNotStartWithoutTheSetting(String setting, String variable, FerryInfrastructure infrastructure) {
		Map<String, String> settings = new HashMap<>(infrastructure.springProperties());
		settings.put("ferry.metrics.scrape-token", UUID.randomUUID().toString());
		settings.put("server.port", "0");
		settings.put("ferry.gateway.node-id", "gateway-settings-" + UUID.randomUUID());
		settings.remove(setting);
		List<String> arguments = settings.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toList();

		assertThatIllegalStateException().isThrownBy(() -> start(arguments))
			.withMessage("This service has no default for " + setting + " (" + variable
					+ "): give each, as --name=value or in the environment variable.");
	}

	private static void start(List<String> arguments) {
		ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
			.run(arguments.toArray(String[]::new));
		gateway.close();
	}

}
