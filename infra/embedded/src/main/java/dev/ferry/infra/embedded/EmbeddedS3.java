package dev.ferry.infra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server in-process: s3proxy, storing objects as files under a directory (each
 * bucket a folder). It runs in a class loader of its own, from its self-contained jar: it
 * brings Jetty 11 and libraries that the services' Spring Boot manages at other versions.
 * Services reach it through the S3 API like any S3 or MinIO. Whoever starts it closes it.
 */
public final class EmbeddedS3 implements AutoCloseable {

	/** The region clients name; the server accepts any. */
	public static final String REGION = "us-east-1";

	private final URLClassLoader loader;

	private final Object server;

	private final Path configuration;

	private final int port;

	private final S3Credentials credentials;

	private EmbeddedS3(URLClassLoader loader, Object server, Path configuration, int port, S3Credentials credentials) {
		this.loader = loader;
		this.server = server;
		this.configuration = configuration;
		this.port = port;
		this.credentials = credentials;
	}

	/**
	 * Starts the server on 127.0.0.1.
	 * @param directory where the buckets and objects are kept (kept across restarts)
	 * @param port the port to listen on
	 * @param credentials the only keys it accepts
	 * @param buckets the buckets to have, created if missing
	 */
	public static EmbeddedS3 start(Path directory, int port, S3Credentials credentials, String... buckets) {
		Ports.requireFree("S3", port);
		try {
			for (String bucket : buckets) {
				// Others may not read a bucket's folder: neither its files on disk, nor
				// its listing through S3, which the filesystem store answers to anyone
				// when the folder is readable by others.
				Path folder = Files.createDirectories(directory.resolve(bucket));
				Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
			}
			Path configuration = Files.createTempDirectory("ferry-s3proxy");
			// Logback reads logback-test.xml before the jar's logback.xml: quieter, and
			// the
			// only one of its name, so logback has no duplicate to report.
			try (InputStream logging = EmbeddedS3.class.getResourceAsStream("s3proxy-logback-test.xml")) {
				Files.copy(logging, configuration.resolve("logback-test.xml"));
			}
			URLClassLoader loader = new URLClassLoader("s3proxy",
					new URL[] { configuration.toUri().toURL(), jar().toUri().toURL() },
					ClassLoader.getPlatformClassLoader());
			return new EmbeddedS3(loader, startIn(loader, properties(directory, port, credentials)), configuration,
					port, credentials);
		}
		catch (IOException | ReflectiveOperationException ex) {
			throw new IllegalStateException("Embedded S3 did not start: " + rootMessage(ex), ex);
		}
	}

	/** The endpoint clients connect to. */
	public String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The keys it accepts. */
	public S3Credentials credentials() {
		return this.credentials;
	}

	/**
	 * An S3 client of the embedded server at {@code endpoint}, as the gateway configures
	 * its own: path-style, checksums only where S3 requires them.
	 */
	public static S3Client client(String endpoint, S3Credentials credentials) {
		return S3Client.builder()
			.endpointOverride(URI.create(endpoint))
			.region(Region.of(REGION))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(credentials.accessKey(), credentials.secretKey())))
			.forcePathStyle(true)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.httpClient(Apache5HttpClient.create())
			.build();
	}

	private static Properties properties(Path directory, int port, S3Credentials credentials) {
		Properties properties = new Properties();
		properties.setProperty("jclouds.provider", "filesystem");
		properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
		properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
		properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
		properties.setProperty("s3proxy.identity", credentials.accessKey());
		properties.setProperty("s3proxy.credential", credentials.secretKey());
		return properties;
	}

	/**
	 * Builds a filesystem blob store and an S3 server over it, as s3proxy's own main does
	 * (which would replace System.err and exit the JVM on errors).
	 */
	private static Object startIn(ClassLoader loader, Properties properties) throws ReflectiveOperationException {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		// jclouds finds its providers through the context class loader.
		thread.setContextClassLoader(loader);
		try {
			Class<?> contextBuilder = loader.loadClass("org.jclouds.ContextBuilder");
			Class<?> blobStoreContext = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
			Class<?> blobStore = loader.loadClass("org.jclouds.blobstore.BlobStore");
			Class<?> serverBuilder = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
			Object contexts = contextBuilder.getMethod("newBuilder", String.class).invoke(null, "filesystem");
			contextBuilder.getMethod("overrides", Properties.class).invoke(contexts, properties);
			Object context = contextBuilder.getMethod("build", Class.class).invoke(contexts, blobStoreContext);
			Object store = blobStoreContext.getMethod("getBlobStore").invoke(context);
			Object builder = serverBuilder.getMethod("fromProperties", Properties.class).invoke(null, properties);
			serverBuilder.getMethod("blobStore", blobStore).invoke(builder, store);
			Object server = serverBuilder.getMethod("build").invoke(builder);
			server.getClass().getMethod("start").invoke(server);
			return server;
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	private static Path jar() throws IOException {
		Properties built = new Properties();
		try (InputStream in = EmbeddedS3.class.getResourceAsStream("s3proxy.properties")) {
			built.load(in);
		}
		Path jar = Path.of(built.getProperty("jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IOException(
					jar + " is missing; build infra/embedded again (./mvnw -q install -pl infra/embedded)");
		}
		return jar;
	}

	private static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof InvocationTargetException || cause.getCause() != null) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.toString();
	}

	@Override
	public void close() throws Exception {
		try {
			this.server.getClass().getMethod("stop").invoke(this.server);
		}
		finally {
			this.loader.close();
			DataDirectory.wipe(this.configuration);
		}
	}

}
