package dev.ferry.infra.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The SASL/SCRAM users of a local cluster and their passwords, made up when the cluster
 * is first created and kept in a file only its owner can read: one user per service, one
 * for operators, one the brokers use among themselves. Controllers authenticate each
 * other with a PLAIN user of their own (KRaft does not take SCRAM on the controller
 * listener).
 */
public final class KafkaCredentials {

	/** The SASL mechanism clients and brokers use. */
	public static final String MECHANISM = "SCRAM-SHA-256";

	/** Brokers among themselves; a super user. */
	public static final String BROKER = "ferry-broker";

	/** Controllers among themselves and brokers to controllers; a super user. */
	public static final String CONTROLLER = "ferry-controller";

	/** Operators with the stock CLI tools; a super user. */
	public static final String ADMIN = "ferry-admin";

	public static final String GATEWAY = "ferry-gateway";

	public static final String PERSISTENCE = "ferry-persistence";

	public static final String DELIVERY = "ferry-delivery";

	private static final List<String> USERS = List.of(BROKER, CONTROLLER, ADMIN, GATEWAY, PERSISTENCE, DELIVERY);

	private final Map<String, String> passwords;

	private KafkaCredentials(Map<String, String> passwords) {
		this.passwords = Map.copyOf(passwords);
	}

	/**
	 * Reads the passwords from the file, making up those it lacks (all of them, when the
	 * cluster is created).
	 */
	public static KafkaCredentials loadOrCreate(Path file) {
		return new KafkaCredentials(Secrets.keep(file, USERS));
	}

	public String password(String user) {
		return this.passwords.get(user);
	}

	/**
	 * The SCRAM users every broker is formatted with, as
	 * {@code kafka-storage format --add-scram} takes them.
	 */
	List<String> scramArguments() {
		return USERS.stream()
			.filter((user) -> !user.equals(CONTROLLER))
			.map((user) -> MECHANISM + "=[name=" + user + ",password=" + password(user) + "]")
			.toList();
	}

	/** The JAAS line a SCRAM client logs in with. */
	public String jaasConfig(String user) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
				+ password(user) + "\";";
	}

	/**
	 * The JAAS line of the controller listener: who may connect, and as whom to connect.
	 */
	String controllerJaasConfig() {
		String password = password(CONTROLLER);
		return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + CONTROLLER
				+ "\" password=\"" + password + "\" user_" + CONTROLLER + "=\"" + password + "\";";
	}

	/** A Kafka client configuration for the user. */
	public Map<String, Object> clientConfig(String user, String bootstrapServers) {
		return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", SaslConfigs.SASL_MECHANISM, MECHANISM,
				SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user));
	}

}
