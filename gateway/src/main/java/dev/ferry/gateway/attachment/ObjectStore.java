package dev.ferry.gateway.attachment;

import java.io.InputStream;
import java.util.Collection;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The bucket the files are kept in, through the S3 API: objects are written from a stream
 * of known length and read as a stream, never held whole in memory.
 */
class ObjectStore {

	private final S3Client s3;

	private final String bucket;

	ObjectStore(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	/** Checks that the bucket exists and these credentials reach it. */
	void requireBucket() {
		this.s3.headBucket((head) -> head.bucket(this.bucket));
	}

	void put(String key, InputStream content, long length, String contentType) {
		this.s3.putObject((put) -> put.bucket(this.bucket).key(key).contentType(contentType).contentLength(length),
				RequestBody.fromInputStream(content, length));
	}

	void put(String key, byte[] content, String contentType) {
		this.s3.putObject((put) -> put.bucket(this.bucket).key(key).contentType(contentType),
				RequestBody.fromBytes(content));
	}

	/**
	 * Opens an object, or the bytes {@code first} to {@code last} of it (inclusive) when
	 * {@code range} is not {@code null}; the caller closes the stream.
	 */
	ResponseInputStream<GetObjectResponse> open(String key, String range) {
		return this.s3.getObject((get) -> get.bucket(this.bucket).key(key).range(range));
	}

	/**
	 * Deletes objects, one request each: S3's batch delete needs a checksum header that
	 * not every S3-compatible server takes. A key with no object is no error.
	 */
	void delete(Collection<String> keys) {
		keys.forEach((key) -> this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(key)));
	}

}
