package dev.ferry.contracts.message;

import java.util.Objects;

import dev.ferry.contracts.id.AttachmentId;

/**
 * A file attached to a message, as every reader sees it: the bytes are fetched with
 * {@code GET /attachments/{id}}.
 *
 * @param id the attachment
 * @param name the file name the uploader gave
 * @param size its size in bytes
 * @param contentType the type sniffed from its bytes when it was uploaded, not the
 * uploader's claim
 */
public record MessageAttachment(AttachmentId id, String name, long size, String contentType) {

	public MessageAttachment {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(contentType, "contentType");
	}

}
