package dev.ferry.gateway.attachment;

import java.io.InputStream;
import java.util.Collection;

import dev.ferry.contracts.id.AttachmentId;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
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

	/** Where an upload's file is: its own folder, for the file and its preview. */
	static String originalKey(AttachmentId id) {
		return "attachments/" + id + "/original";
	}

	/** Where an image's preview is. */
	static String thumbnailKey(AttachmentId id) {
		return "attachments/" + id + "/thumbnail";
	}

	/** Checks that the bucket exists and these credentials reach it. */
	void requireBucket() {
		this.s3.headBucket((head) -> head.bucket(this.bucket));
	}

	/**
	 * Writes an object from a stream read once: a client's body cannot be read again, so
	 * a failed attempt is not retried (a retry would re-read bytes already digested, or
	 * send fewer than the length). The SDK's retry fails as the first attempt did: the
	 * bucket did not answer.
	 */
	void put(String key, InputStream content, long length, String contentType) {
		ContentStreamProvider once = new ContentStreamProvider() {

			private boolean given;

			@Override
			public InputStream newStream() {
				if (this.given) {
					throw SdkClientException.create("An upload's body is read once; not retried");
				}
				this.given = true;
				return content;
			}

		};
		this.s3.putObject((put) -> put.bucket(this.bucket).key(key).contentType(contentType).contentLength(length),
				RequestBody.fromContentProvider(once, length, contentType));
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
