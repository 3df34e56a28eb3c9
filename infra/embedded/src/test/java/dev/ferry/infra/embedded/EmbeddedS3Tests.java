package dev.ferry.infra.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded S3 server speaks the S3 API to the AWS SDK, to a client with its keys
 * only, and keeps its objects as files.
 */
@Timeout(60)
class EmbeddedS3Tests {

	@TempDir
	Path data;

	@Test
	void anObjectPutThroughTheSdkIsReadBackAndKeptOnDisk() throws Exception {
		S3Credentials credentials = S3Credentials.generate();
		try (EmbeddedS3 s3 = EmbeddedS3.start(this.data, Ports.findFree(), credentials, "ferry-test");
				S3Client client = EmbeddedS3.client(s3.endpoint(), credentials)) {

			client.putObject((put) -> put.bucket("ferry-test").key("a/b").contentType("text/plain"),
					RequestBody.fromString("ahoy"));

			assertThat(client.getObjectAsBytes((get) -> get.bucket("ferry-test").key("a/b")).asUtf8String())
				.isEqualTo("ahoy");
			assertThat(this.data.resolve("ferry-test")).isDirectory();
			assertThat(new String(Files.readAllBytes(this.data.resolve("ferry-test").resolve("a").resolve("b")),
					StandardCharsets.UTF_8))
				.isEqualTo("ahoy");
		}
	}

	@Test
	void aRequestSignedWithOtherKeysIsRefused() throws Exception {
		try (EmbeddedS3 s3 = EmbeddedS3.start(this.data, Ports.findFree(), S3Credentials.generate(), "ferry-test");
				S3Client stranger = EmbeddedS3.client(s3.endpoint(), S3Credentials.generate())) {

			assertThatExceptionOfType(S3Exception.class)
				.isThrownBy(() -> stranger.putObject((put) -> put.bucket("ferry-test").key("a"),
						RequestBody.fromString("ahoy")))
				.satisfies((refused) -> assertThat(refused.statusCode()).isEqualTo(403));
			assertThat(this.data.resolve("ferry-test")).isEmptyDirectory();
		}
	}

	@Test
	void anAnonymousRequestIsRefusedAndTheBucketIsItsOwnersAloneOnDisk() throws Exception {
		S3Credentials credentials = S3Credentials.generate();
		try (EmbeddedS3 s3 = EmbeddedS3.start(this.data, Ports.findFree(), credentials, "ferry-test");
				S3Client client = EmbeddedS3.client(s3.endpoint(), credentials)) {
			client.putObject((put) -> put.bucket("ferry-test").key("a"), RequestBody.fromString("ahoy"));
			HttpClient anonymous = HttpClient.newHttpClient();

			for (String path : List.of("/ferry-test", "/ferry-test/a")) {
				assertThat(anonymous
					.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + path)).build(), BodyHandlers.ofString())
					.statusCode()).as(path).isEqualTo(403);
			}
			assertThat(Files.getPosixFilePermissions(this.data.resolve("ferry-test")))
				.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		}
	}

}
