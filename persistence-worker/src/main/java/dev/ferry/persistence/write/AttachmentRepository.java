package dev.ferry.persistence.write;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.MessageId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageAttachment;
import dev.ferry.schema.AttachmentRows;
import dev.ferry.schema.MessageRows;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.MESSAGE_ATTACHMENTS;

/**
 * Uploads as sends attach them and deletes orphan them, in the batch's transaction.
 */
@Repository
class AttachmentRepository {

	static final String PENDING = "PENDING";

	static final String ORPHANED = "ORPHANED";

	private final DSLContext dsl;

	AttachmentRepository(DSLContext dsl) {
		this.dsl = dsl;
	}

	/**
	 * The uploads among {@code ids} that exist, locked for the rest of the transaction so
	 * that no purge takes one a send attaches.
	 */
	Map<AttachmentId, Upload> lock(Collection<AttachmentId> ids) {
		Map<AttachmentId, Upload> uploads = new HashMap<>();
		if (ids.isEmpty()) {
			return uploads;
		}
		this.dsl.selectFrom(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.ID.eq(DSL.any(ids.stream().map(AttachmentId::value).toArray(UUID[]::new))))
			.forUpdate()
			.fetch()
			.forEach((row) -> {
				AttachmentId id = new AttachmentId(row.getId());
				uploads.put(id, new Upload(new UserId(row.getUploaderId()), row.getState(),
						(row.getExpiresAt() != null) ? row.getExpiresAt().toInstant() : null,
						new MessageAttachment(id, row.getFileName(), row.getSizeBytes(), row.getContentType())));
			});
		return uploads;
	}

	/** Attaches uploads to the messages that name them, in one statement. */
	void attach(List<Claim> claims, Instant now) {
		if (claims.isEmpty()) {
			return;
		}
		Table<?> claimed = DSL
			.table("unnest({0}, {1}, {2})",
					DSL.val(claims.stream().map((claim) -> claim.attachmentId().value()).toArray(UUID[]::new)),
					DSL.val(claims.stream().map((claim) -> claim.messageId().value()).toArray(UUID[]::new)),
					DSL.val(claims.stream().map(Claim::ordinal).toArray(Short[]::new)))
			.as("claimed", "id", "message_id", "ordinal");
		this.dsl.update(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.STATE, AttachmentRows.ATTACHED)
			.set(MESSAGE_ATTACHMENTS.MESSAGE_ID, DSL.field(DSL.name("claimed", "message_id"), UUID.class))
			.set(MESSAGE_ATTACHMENTS.ORDINAL, DSL.field(DSL.name("claimed", "ordinal"), Short.class))
			.setNull(MESSAGE_ATTACHMENTS.EXPIRES_AT)
			.from(claimed)
			.where(MESSAGE_ATTACHMENTS.ID.eq(DSL.field(DSL.name("claimed", "id"), UUID.class)))
			.execute();
	}

	/**
	 * Orphans the attachments of deleted messages: their objects are purged after the
	 * grace period.
	 */
	void orphan(Collection<MessageId> deleted, Instant now) {
		if (deleted.isEmpty()) {
			return;
		}
		this.dsl.update(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.STATE, ORPHANED)
			.set(MESSAGE_ATTACHMENTS.ORPHANED_AT, MessageRows.time(now))
			.where(MESSAGE_ATTACHMENTS.MESSAGE_ID
				.eq(DSL.any(deleted.stream().map(MessageId::value).toArray(UUID[]::new))))
			.and(MESSAGE_ATTACHMENTS.STATE.eq(AttachmentRows.ATTACHED))
			.execute();
	}

	/**
	 * An upload as a send finds it.
	 *
	 * @param uploader who uploaded it
	 * @param state PENDING, ATTACHED or ORPHANED
	 * @param expiresAt until when a pending upload may be attached
	 * @param file what a message shows of it
	 */
	record Upload(UserId uploader, String state, Instant expiresAt, MessageAttachment file) {

		/** Whether the sender may attach it now: their own, pending, not expired. */
		boolean attachableBy(UserId sender, Instant now) {
			return this.uploader.equals(sender) && PENDING.equals(this.state) && this.expiresAt != null
					&& this.expiresAt.isAfter(now);
		}

	}

	/**
	 * An upload a send attaches.
	 *
	 * @param attachmentId the upload
	 * @param messageId the message that names it
	 * @param ordinal its place among the message's files
	 */
	record Claim(AttachmentId attachmentId, MessageId messageId, short ordinal) {
	}

}
