package dev.ferry.gateway.attachment;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Files attached to messages ({@code ferry.attachments}; defaults in
 * {@code application.yaml}).
 *
 * @param maxSize the largest file accepted
 * @param maxPending how many uploads one user may have waiting to be sent, those in
 * flight included
 * @param maxPendingBytes the bytes of the files one user may have waiting to be sent,
 * those in flight included (as their requests declare them)
 * @param maxInFlight how many uploads one user may have in flight at once
 * @param maxDownloadsInFlight how many downloads (files and previews) one user may have
 * in flight at once on one gateway
 * @param minRate the slowest an upload's body may come, per second, measured over each
 * {@code rateWindow}
 * @param rateWindow the span over which {@code minRate} is measured
 * @param uploadTimeout the longest one upload may take, body and preview; a gateway's
 * uploads in flight are purged this long after they began if it died meanwhile
 * @param pendingFor how long an upload waits to be sent before it is purged
 * @param orphanedFor how long the files of a deleted message are kept before they are
 * purged
 * @param purgeInterval how often this node purges what expired
 * @param thumbnailSize the longest side of an image's preview, in pixels
 * @param maxPixels the largest image (width times height) accepted: a larger one could
 * take more memory to decode than it is worth
 * @param refusedTypes the content types (as sniffed from the bytes) refused at upload,
 * each with every kind of it (a type with parameters, or a subtype in Tika's registry)
 * @param storage where the files are kept
 */
@ConfigurationProperties("ferry.attachments")
public record AttachmentSettings(DataSize maxSize, int maxPending, DataSize maxPendingBytes, int maxInFlight,
		int maxDownloadsInFlight, DataSize minRate, Duration rateWindow, Duration uploadTimeout, Duration pendingFor,
		Duration orphanedFor, Duration purgeInterval, int thumbnailSize, long maxPixels, List<String> refusedTypes,
		Storage storage) {

	/** The fewest bytes an upload's body must bring in each {@code rateWindow}. */
	long minBytesPerWindow() {
		return this.minRate.toBytes() * this.rateWindow.toMillis() / 1000;
	}

	/**
	 * An S3 bucket, on AWS or any S3-compatible server (MinIO, the embedded stack's
	 * s3proxy).
	 *
	 * @param endpoint the server, or {@code null} for AWS's own endpoint of the region
	 * @param region the region requests are signed for
	 * @param bucket the bucket; it must exist
	 * @param accessKey the access key, or {@code null} to take credentials from the
	 * environment as AWS tools do ({@code AWS_ACCESS_KEY_ID}, profiles, instance roles)
	 * @param secretKey the secret key that goes with {@code accessKey}
	 * @param pathStyle whether the bucket is named in the path rather than the host name,
	 * as MinIO and s3proxy need
	 */
	public record Storage(URI endpoint, String region, String bucket, String accessKey, String secretKey,
			boolean pathStyle) {
	}

}
