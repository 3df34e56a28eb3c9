package dev.ferry.infra.test;

import java.util.Map;

/**
 * Where a test run gets Kafka or PostgreSQL from.
 */
public enum InfrastructureSource {

	/** A server the developer or CI named in an environment variable. */
	EXTERNAL,

	/** A container, when a Docker engine answers. */
	TESTCONTAINERS,

	/** The in-process KRaft broker or zonky's PostgreSQL: always possible, used here. */
	EMBEDDED;

	/** Environment variable naming an external Kafka bootstrap address. */
	public static final String KAFKA_VARIABLE = "FERRY_TEST_KAFKA_BOOTSTRAP";

	/** Environment variable naming an external PostgreSQL JDBC URL. */
	public static final String JDBC_VARIABLE = "FERRY_TEST_JDBC_URL";

	/**
	 * External if the variable is set, else Testcontainers if Docker answers, else
	 * embedded.
	 */
	public static InfrastructureSource choose(Map<String, String> environment, String variable,
			boolean dockerAvailable) {
		String value = environment.get(variable);
		if (value != null && !value.isBlank()) {
			return EXTERNAL;
		}
		return dockerAvailable ? TESTCONTAINERS : EMBEDDED;
	}

}
