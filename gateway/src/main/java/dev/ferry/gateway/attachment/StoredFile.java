package dev.ferry.gateway.attachment;

import dev.ferry.contracts.id.AttachmentId;

/**
 * An uploaded file as stored: its object, and its preview's if it is an image.
 *
 * @param id the upload
 * @param name the file name the uploader gave
 * @param contentType the type sniffed from its bytes
 * @param size its bytes
 * @param sha256 the SHA-256 of its bytes, 64 lower-case hex digits
 * @param storageKey its object in the bucket
 * @param thumbnailKey its preview's object, or {@code null}
 * @param thumbnailType the preview's content type, or {@code null}
 * @param width an image's width in pixels, or {@code null}
 * @param height an image's height in pixels, or {@code null}
 */
record StoredFile(AttachmentId id, String name, String contentType, long size, String sha256, String storageKey,
		String thumbnailKey, String thumbnailType, Integer width, Integer height) {

	/** The file with its preview. */
	StoredFile withPreview(String key, String type, int previewWidth, int previewHeight) {
		return new StoredFile(this.id, this.name, this.contentType, this.size, this.sha256, this.storageKey, key, type,
				previewWidth, previewHeight);
	}

}
