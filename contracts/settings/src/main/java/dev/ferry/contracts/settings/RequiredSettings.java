package dev.ferry.contracts.settings;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;

/**
 * Stops a service before it creates any bean when a setting it ships no default for is
 * not given: Ferry has no default database login and no default secret, and a service
 * without one would otherwise start and fail later, on first use, or run with a value
 * anyone can read in its sources. A value given empty counts as given: a choice made on
 * purpose.
 */
public final class RequiredSettings implements BeanFactoryPostProcessor, EnvironmentAware {

	private final List<String> names;

	private Environment environment;

	/**
	 * @param names the settings, as {@code application.yaml} names them
	 */
	public RequiredSettings(String... names) {
		this.names = List.of(names);
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		check(this.environment);
	}

	/**
	 * Fails with every missing setting in one message.
	 * @param settings where the service's settings are resolved
	 * @throws IllegalStateException naming each missing setting and its environment
	 * variable
	 */
	void check(PropertyResolver settings) {
		List<String> missing = this.names.stream().filter((name) -> !settings.containsProperty(name)).toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("This service has no default for "
					+ missing.stream()
						.map((name) -> name + " (" + environmentVariable(name) + ")")
						.collect(Collectors.joining(", "))
					+ ": give each, as --name=value or in the environment variable.");
		}
	}

	/**
	 * The environment variable Spring Boot reads the setting from: what this check names,
	 * and what the embedded stack sets for a service it starts.
	 */
	public static String environmentVariable(String name) {
		return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

}
