package dev.ferry.gateway.attachment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.schema.AttachmentRows;
import dev.ferry.schema.MessageRows;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.MESSAGES;
import static dev.ferry.schema.jooq.Tables.MESSAGE_ATTACHMENTS;

/**
 * Uploads as the gateway records, serves and purges them.
 */
@Repository
class AttachmentRepository {

	private static final String PENDING = "PENDING";

	private static final String ORPHANED = "ORPHANED";

	private final DSLContext dsl;

	AttachmentRepository(DSLContext dsl) {
		this.dsl = dsl;
	}

	/** Records an upload, pending until a message names it or it expires. */
	void insertPending(StoredFile file, UserId uploader, String sha256, Instant now, Instant expiresAt) {
		this.dsl.insertInto(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.ID, file.id().value())
			.set(MESSAGE_ATTACHMENTS.UPLOADER_ID, uploader.value())
			.set(MESSAGE_ATTACHMENTS.FILE_NAME, file.name())
			.set(MESSAGE_ATTACHMENTS.CONTENT_TYPE, file.contentType())
			.set(MESSAGE_ATTACHMENTS.SIZE_BYTES, file.size())
			.set(MESSAGE_ATTACHMENTS.SHA256, sha256)
			.set(MESSAGE_ATTACHMENTS.STORAGE_KEY, file.storageKey())
			.set(MESSAGE_ATTACHMENTS.THUMBNAIL_KEY, file.thumbnailKey())
			.set(MESSAGE_ATTACHMENTS.THUMBNAIL_TYPE, file.thumbnailType())
			.set(MESSAGE_ATTACHMENTS.WIDTH, file.width())
			.set(MESSAGE_ATTACHMENTS.HEIGHT, file.height())
			.set(MESSAGE_ATTACHMENTS.STATE, PENDING)
			.set(MESSAGE_ATTACHMENTS.CREATED_AT, MessageRows.time(now))
			.set(MESSAGE_ATTACHMENTS.EXPIRES_AT, MessageRows.time(expiresAt))
			.execute();
	}

	/** How many uploads of the user wait to be sent. */
	int pendingCount(UserId uploader, Instant now) {
		return this.dsl.fetchCount(MESSAGE_ATTACHMENTS,
				MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(uploader.value())
					.and(MESSAGE_ATTACHMENTS.STATE.eq(PENDING))
					.and(MESSAGE_ATTACHMENTS.EXPIRES_AT.gt(MessageRows.time(now))));
	}

	/** The uploads among {@code ids} that the uploader may attach now. */
	Set<AttachmentId> attachable(UserId uploader, Collection<AttachmentId> ids, Instant now) {
		return this.dsl.select(MESSAGE_ATTACHMENTS.ID)
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.ID.eq(DSL.any(ids.stream().map(AttachmentId::value).toArray(UUID[]::new))))
			.and(MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(uploader.value()))
			.and(MESSAGE_ATTACHMENTS.STATE.eq(PENDING))
			.and(MESSAGE_ATTACHMENTS.EXPIRES_AT.gt(MessageRows.time(now)))
			.fetchSet((row) -> new AttachmentId(row.value1()));
	}

	/**
	 * A file the reader may fetch: attached to a message, not deleted, that they sent or
	 * received. Anything else reads as missing.
	 */
	Optional<StoredFile> readableBy(AttachmentId id, UserId reader) {
		return this.dsl
			.select(MESSAGE_ATTACHMENTS.ID, MESSAGE_ATTACHMENTS.FILE_NAME, MESSAGE_ATTACHMENTS.CONTENT_TYPE,
					MESSAGE_ATTACHMENTS.SIZE_BYTES, MESSAGE_ATTACHMENTS.STORAGE_KEY, MESSAGE_ATTACHMENTS.THUMBNAIL_KEY,
					MESSAGE_ATTACHMENTS.THUMBNAIL_TYPE, MESSAGE_ATTACHMENTS.WIDTH, MESSAGE_ATTACHMENTS.HEIGHT)
			.from(MESSAGE_ATTACHMENTS)
			.join(MESSAGES)
			.on(MESSAGES.ID.eq(MESSAGE_ATTACHMENTS.MESSAGE_ID))
			.where(MESSAGE_ATTACHMENTS.ID.eq(id.value()))
			.and(MESSAGE_ATTACHMENTS.STATE.eq(AttachmentRows.ATTACHED))
			.and(MESSAGES.DELETED_AT.isNull())
			.and(MESSAGES.SENDER_ID.eq(reader.value()).or(MESSAGES.RECEIVER_ID.eq(reader.value())))
			.fetchOptional((row) -> new StoredFile(new AttachmentId(row.value1()), row.value2(), row.value3(),
					row.value4(), row.value5(), row.value6(), row.value7(), row.value8(), row.value9()));
	}

	/**
	 * Locks up to {@code limit} uploads to purge for the rest of the transaction: pending
	 * ones expired by {@code now}, and orphaned ones orphaned by {@code orphanedBefore}.
	 * Rows another transaction holds (a send attaching them, another node purging) are
	 * skipped.
	 */
	List<Purgeable> lockPurgeable(Instant now, Instant orphanedBefore, int limit) {
		return this.dsl
			.select(MESSAGE_ATTACHMENTS.ID, MESSAGE_ATTACHMENTS.STATE, MESSAGE_ATTACHMENTS.SIZE_BYTES,
					MESSAGE_ATTACHMENTS.STORAGE_KEY, MESSAGE_ATTACHMENTS.THUMBNAIL_KEY)
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.STATE.eq(PENDING).and(MESSAGE_ATTACHMENTS.EXPIRES_AT.le(MessageRows.time(now))))
			.or(MESSAGE_ATTACHMENTS.STATE.eq(ORPHANED)
				.and(MESSAGE_ATTACHMENTS.ORPHANED_AT.le(MessageRows.time(orphanedBefore))))
			.limit(limit)
			.forUpdate()
			.skipLocked()
			.fetch((row) -> new Purgeable(new AttachmentId(row.value1()), row.value2(), row.value3(), row.value4(),
					row.value5()));
	}

	void delete(Collection<AttachmentId> ids) {
		this.dsl.deleteFrom(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.ID.eq(DSL.any(ids.stream().map(AttachmentId::value).toArray(UUID[]::new))))
			.execute();
	}

	/** The bytes of the files of deleted messages still kept. */
	long orphanedBytes() {
		return this.dsl.select(DSL.coalesce(DSL.sum(MESSAGE_ATTACHMENTS.SIZE_BYTES), DSL.inline(0).cast(Long.class)))
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.STATE.eq(ORPHANED))
			.fetchOne()
			.value1()
			.longValue();
	}

	/**
	 * An upload to purge.
	 *
	 * @param id the upload
	 * @param state PENDING (expired) or ORPHANED (its message deleted)
	 * @param size its bytes
	 * @param storageKey its object
	 * @param thumbnailKey its preview's object, or {@code null}
	 */
	record Purgeable(AttachmentId id, String state, long size, String storageKey, String thumbnailKey) {
	}

}
