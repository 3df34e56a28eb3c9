package dev.ferry.contracts.settings;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySourcesPropertyResolver;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RequiredSettingsTests {

	private final RequiredSettings required = new RequiredSettings("spring.datasource.username",
			"spring.datasource.password", "ferry.metrics.scrape-token");

	@Test
	void everyMissingSettingIsNamedWithItsEnvironmentVariableInOneMessage() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.required.check(settings(Map.of("spring.datasource.username", "ferry_gateway"))))
			.withMessage("This service has no default for spring.datasource.password (SPRING_DATASOURCE_PASSWORD), "
					+ "ferry.metrics.scrape-token (FERRY_METRICS_SCRAPE_TOKEN): give each, as --name=value or in "
					+ "the environment variable.");
	}

	@Test
	void aSettingGivenEmptyCountsAsGiven() {
		assertThatNoException().isThrownBy(() -> this.required.check(settings(Map.of("spring.datasource.username",
				"ferry_gateway", "spring.datasource.password", "", "ferry.metrics.scrape-token", ""))));
	}

	private static PropertySourcesPropertyResolver settings(Map<String, Object> values) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new MapPropertySource("given", values));
		return new PropertySourcesPropertyResolver(sources);
	}

}
