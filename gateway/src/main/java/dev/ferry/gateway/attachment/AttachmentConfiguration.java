package dev.ferry.gateway.attachment;

import dev.ferry.gateway.attachment.AttachmentSettings.Storage;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The S3 client, the same code path for AWS, MinIO and the embedded stack's server: only
 * the settings differ.
 */
@Configuration(proxyBeanMethods = false)
class AttachmentConfiguration {

	/** Uploads, downloads and purges at once before one waits for a connection. */
	private static final int MAX_CONNECTIONS = 200;

	@Bean(destroyMethod = "close")
	S3Client s3(AttachmentSettings settings) {
		Storage storage = settings.storage();
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(storage.region()))
			.credentialsProvider(credentials(storage))
			.forcePathStyle(storage.pathStyle())
			// Checksums only where S3 requires one: S3-compatible servers do not all take
			// the SDK's newer trailing checksums, and TLS and the MD5 S3 checks suffice.
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			// Apache HttpClient streams every request body. The SDK's
			// UrlConnectionHttpClient gives HttpURLConnection a streaming mode only for
			// chunked requests (S3 over plain HTTP signs chunk by chunk); a body with a
			// Content-Length, as S3 over HTTPS sends, it would hold whole in the heap.
			// A connection each for many uploads at once.
			.httpClient(Apache5HttpClient.builder().maxConnections(MAX_CONNECTIONS).build());
		if (storage.endpoint() != null) {
			builder.endpointOverride(storage.endpoint());
		}
		return builder.build();
	}

	/** Fails the start if the bucket is not there: better than failing every upload. */
	@Bean
	ObjectStore objectStore(S3Client s3, AttachmentSettings settings) {
		ObjectStore store = new ObjectStore(s3, settings.storage().bucket());
		store.requireBucket();
		return store;
	}

	private static AwsCredentialsProvider credentials(Storage storage) {
		if (storage.accessKey() == null || storage.accessKey().isBlank()) {
			return DefaultCredentialsProvider.builder().build();
		}
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(storage.accessKey(), storage.secretKey()));
	}

}
