package dev.ferry.persistence.write;

import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.MessageId;

/**
 * An upload a send attaches.
 *
 * @param attachmentId the upload
 * @param messageId the message that names it
 * @param ordinal its place among the message's files
 */
record Claim(AttachmentId attachmentId, MessageId messageId, short ordinal) {
}
