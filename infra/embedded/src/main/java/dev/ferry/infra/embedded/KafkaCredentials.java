package dev.ferry.infra.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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

	/** Reads the file, or makes up every password and writes it if there is none. */
	public static KafkaCredentials loadOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				Properties properties = new Properties();
				try (Reader reader = Files.newBufferedReader(file)) {
					properties.load(reader);
				}
				Map<String, String> passwords = new HashMap<>();
				USERS.forEach((user) -> passwords.put(user, properties.getProperty(user)));
				return new KafkaCredentials(passwords);
			}
			Map<String, String> passwords = new HashMap<>();
			USERS.forEach((user) -> passwords.put(user, newPassword()));
			Files.createDirectories(file.getParent());
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Properties properties = new Properties();
			properties.putAll(passwords);
			try (Writer writer = Files.newBufferedWriter(file)) {
				properties.store(writer, "Kafka SASL passwords of the local cluster; keep private");
			}
			return new KafkaCredentials(passwords);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write Kafka credentials in " + file, ex);
		}
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

	private static String newPassword() {
		SecureRandom random = new SecureRandom();
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 24; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}

}
