package dev.ferry.contracts.message;

import java.util.Objects;

import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.json.AddedField;

/**
 * A file attached to a message, as every reader sees it: the bytes are fetched with
 * {@code GET /attachments/{id}}.
 *
 * @param id the attachment
 * @param name the file name the uploader gave
 * @param size its size in bytes
 * @param contentType the type sniffed from its bytes when it was uploaded, not the
 * uploader's claim
 * @param imageSize an image's size, so that a reader can lay out its preview before
 * fetching it; {@code null} for a file that is not an image (added in version 3 of the
 * events that carry a message)
 */
public record MessageAttachment(AttachmentId id, String name, long size, String contentType,
		@AddedField ImageSize imageSize) {

	public MessageAttachment {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(contentType, "contentType");
	}

}
