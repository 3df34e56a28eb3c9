package dev.ferry.infra.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.ferry.infra.embedded.EmbeddedPostgresServer;
import dev.ferry.infra.embedded.S3Credentials;
import dev.ferry.infra.embedded.Secrets;

/**
 * The passwords, keys and token of a stack's data directory, made up at its first start,
 * kept in {@value #FILE} there (readable by its owner only) and read again at every later
 * start: nobody else on the machine can use the stack's database, S3 server or metrics,
 * and no two data directories share a secret.
 *
 * @param owner PostgreSQL's superuser, who owns the schema and migrates it
 * @param gateway the gateway's database login
 * @param persistence the persistence worker's database login
 * @param s3 the S3 server's keys
 * @param scrapeToken what Prometheus sends the gateways to scrape them, also kept alone
 * in {@value #SCRAPE_TOKEN_FILE} for Prometheus's {@code credentials_file}
 */
public record StackCredentials(DatabaseLogin owner, DatabaseLogin gateway, DatabaseLogin persistence, S3Credentials s3,
		String scrapeToken) {

	/** Where the data directory keeps them. */
	public static final String FILE = "credentials.properties";

	/** The scrape token alone, as Prometheus reads a bearer token from a file. */
	public static final String SCRAPE_TOKEN_FILE = "scrape-token";

	private static final String DATABASE = "postgresql.";

	private static final String S3_ACCESS_KEY = "s3.access-key";

	private static final String S3_SECRET_KEY = "s3.secret-key";

	private static final String SCRAPE_TOKEN = "metrics.scrape-token";

	/**
	 * Reads the data directory's credentials, making up those it lacks (all of them at
	 * its first start).
	 */
	public static StackCredentials keep(Path dataDirectory) {
		Map<String, String> secrets = Secrets.keep(dataDirectory.resolve(FILE),
				List.of(DATABASE + EmbeddedPostgresServer.SUPERUSER, DATABASE + ServiceRoles.GATEWAY,
						DATABASE + ServiceRoles.PERSISTENCE, S3_ACCESS_KEY, S3_SECRET_KEY, SCRAPE_TOKEN));
		Secrets.writePrivately(dataDirectory.resolve(SCRAPE_TOKEN_FILE), secrets.get(SCRAPE_TOKEN));
		return new StackCredentials(login(secrets, EmbeddedPostgresServer.SUPERUSER),
				login(secrets, ServiceRoles.GATEWAY), login(secrets, ServiceRoles.PERSISTENCE),
				new S3Credentials(secrets.get(S3_ACCESS_KEY), secrets.get(S3_SECRET_KEY)), secrets.get(SCRAPE_TOKEN));
	}

	private static DatabaseLogin login(Map<String, String> secrets, String user) {
		return new DatabaseLogin(user, secrets.get(DATABASE + user));
	}

}
