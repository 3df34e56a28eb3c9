package dev.ferry.infra.embedded;

/**
 * The keys an S3 client signs its requests with, and the only ones the embedded server
 * accepts.
 *
 * @param accessKey the access key id
 * @param secretKey the secret access key
 */
public record S3Credentials(String accessKey, String secretKey) {

	/** New keys, for a data directory's first start or a test run. */
	public static S3Credentials generate() {
		return new S3Credentials(Secrets.generate(), Secrets.generate());
	}

}
