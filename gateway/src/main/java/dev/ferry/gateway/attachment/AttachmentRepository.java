package dev.ferry.gateway.attachment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.attachment.UploadLimits.UnsentUploads;
import dev.ferry.schema.AttachmentRows;
import dev.ferry.schema.MessageRows;
import dev.ferry.schema.ReadableMessages;
import org.jooq.Condition;
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

	static final String UPLOADING = "UPLOADING";

	private static final String PENDING = "PENDING";

	private static final String ORPHANED = "ORPHANED";

	private static final String DISCARDED = "DISCARDED";

	/**
	 * The first key of the advisory locks on a user's uploads: a namespace of their own
	 * among the database's advisory locks.
	 */
	private static final int UPLOADS_LOCK = 0x75706c64;

	private final DSLContext dsl;

	AttachmentRepository(DSLContext dsl) {
		this.dsl = dsl;
	}

	/**
	 * Takes the lock on the user's uploads until the transaction ends: whoever counts
	 * them to start one counts them alone, on any gateway. Two users whose ids hash alike
	 * share a lock, and only wait for each other.
	 */
	void lockUploadsOf(UserId uploader) {
		this.dsl.fetch("select pg_advisory_xact_lock(?, ?)", UPLOADS_LOCK, uploader.value().hashCode());
	}

	/** The user's uploads in flight or waiting to be sent, as counted at {@code now}. */
	UnsentUploads unsentOf(UserId uploader, Instant now) {
		return this.dsl
			.select(DSL.count(), DSL.count().filterWhere(MESSAGE_ATTACHMENTS.STATE.eq(UPLOADING)),
					DSL.coalesce(DSL.sum(MESSAGE_ATTACHMENTS.SIZE_BYTES), DSL.inline(0).cast(Long.class)),
					DSL.min(MESSAGE_ATTACHMENTS.EXPIRES_AT).filterWhere(MESSAGE_ATTACHMENTS.STATE.eq(PENDING)))
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(uploader.value()))
			.and(unsent(now))
			.fetchSingle((row) -> new UnsentUploads(row.value1(), row.value2(), row.value3().longValue(),
					(row.value4() != null) ? row.value4().toInstant() : null));
	}

	/**
	 * Records an upload whose body is about to be read, counted as {@code bytes}; if it
	 * has not ended by {@code deadline}, it is purged.
	 */
	void insertUploading(AttachmentId id, UserId uploader, long bytes, Instant now, Instant deadline) {
		this.dsl.insertInto(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.ID, id.value())
			.set(MESSAGE_ATTACHMENTS.UPLOADER_ID, uploader.value())
			.set(MESSAGE_ATTACHMENTS.SIZE_BYTES, bytes)
			.set(MESSAGE_ATTACHMENTS.STORAGE_KEY, ObjectStore.originalKey(id))
			.set(MESSAGE_ATTACHMENTS.STATE, UPLOADING)
			.set(MESSAGE_ATTACHMENTS.CREATED_AT, MessageRows.time(now))
			.set(MESSAGE_ATTACHMENTS.EXPIRES_AT, MessageRows.time(deadline))
			.execute();
	}

	/**
	 * Makes an upload in flight pending, the file as stored, until a message names it or
	 * it expires.
	 * @return whether it was still in flight (not purged past its deadline)
	 */
	boolean stored(StoredFile file, Instant expiresAt) {
		return this.dsl.update(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.FILE_NAME, file.name())
			.set(MESSAGE_ATTACHMENTS.CONTENT_TYPE, file.contentType())
			.set(MESSAGE_ATTACHMENTS.SIZE_BYTES, file.size())
			.set(MESSAGE_ATTACHMENTS.SHA256, file.sha256())
			.set(MESSAGE_ATTACHMENTS.THUMBNAIL_KEY, file.thumbnailKey())
			.set(MESSAGE_ATTACHMENTS.THUMBNAIL_TYPE, file.thumbnailType())
			.set(MESSAGE_ATTACHMENTS.WIDTH, file.width())
			.set(MESSAGE_ATTACHMENTS.HEIGHT, file.height())
			.set(MESSAGE_ATTACHMENTS.STATE, PENDING)
			.set(MESSAGE_ATTACHMENTS.EXPIRES_AT, MessageRows.time(expiresAt))
			.where(MESSAGE_ATTACHMENTS.ID.eq(file.id().value()))
			.and(MESSAGE_ATTACHMENTS.STATE.eq(UPLOADING))
			.execute() == 1;
	}

	/**
	 * Discards an upload in flight that ended without its file, in a write of its own: it
	 * counts no more from then on.
	 * @return it, to purge; empty if it was not in flight any more
	 */
	Optional<Purgeable> discardUploading(AttachmentId id) {
		return discard(MESSAGE_ATTACHMENTS.ID.eq(id.value()).and(MESSAGE_ATTACHMENTS.STATE.eq(UPLOADING)));
	}

	/**
	 * Discards the uploader's own pending upload, in a write of its own: from then on no
	 * send can attach it and it counts no more. A send attaching it at the same moment
	 * either attached it first (and it is not discarded) or finds it discarded.
	 * @return it, to purge; empty if it is not the uploader's, or not pending
	 */
	Optional<Purgeable> discardPending(AttachmentId id, UserId uploader) {
		return discard(MESSAGE_ATTACHMENTS.ID.eq(id.value())
			.and(MESSAGE_ATTACHMENTS.UPLOADER_ID.eq(uploader.value()))
			.and(MESSAGE_ATTACHMENTS.STATE.eq(PENDING)));
	}

	private Optional<Purgeable> discard(Condition which) {
		return this.dsl.update(MESSAGE_ATTACHMENTS)
			.set(MESSAGE_ATTACHMENTS.STATE, DISCARDED)
			.where(which)
			.returningResult(MESSAGE_ATTACHMENTS.ID, MESSAGE_ATTACHMENTS.STATE, MESSAGE_ATTACHMENTS.SIZE_BYTES,
					MESSAGE_ATTACHMENTS.STORAGE_KEY, MESSAGE_ATTACHMENTS.THUMBNAIL_KEY)
			.fetchOptional((row) -> new Purgeable(new AttachmentId(row.value1()), row.value2(), row.value3(),
					row.value4(), row.value5()));
	}

	/** Forgets a discarded upload whose objects are deleted. */
	void deleteDiscarded(AttachmentId id) {
		this.dsl.deleteFrom(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.ID.eq(id.value()))
			.and(MESSAGE_ATTACHMENTS.STATE.eq(DISCARDED))
			.execute();
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
	 * A file the reader may fetch: attached to a message, not deleted, that they read by
	 * the one rule of every read path (a direct conversation's two people; a group's
	 * members in their time in it, a former member only what has not changed since they
	 * left). Anything else reads as missing.
	 */
	Optional<StoredFile> readableBy(AttachmentId id, UserId reader) {
		return this.dsl
			.select(MESSAGE_ATTACHMENTS.ID, MESSAGE_ATTACHMENTS.FILE_NAME, MESSAGE_ATTACHMENTS.CONTENT_TYPE,
					MESSAGE_ATTACHMENTS.SIZE_BYTES, MESSAGE_ATTACHMENTS.SHA256, MESSAGE_ATTACHMENTS.STORAGE_KEY,
					MESSAGE_ATTACHMENTS.THUMBNAIL_KEY, MESSAGE_ATTACHMENTS.THUMBNAIL_TYPE, MESSAGE_ATTACHMENTS.WIDTH,
					MESSAGE_ATTACHMENTS.HEIGHT)
			.from(MESSAGE_ATTACHMENTS)
			.join(MESSAGES)
			.on(MESSAGES.ID.eq(MESSAGE_ATTACHMENTS.MESSAGE_ID))
			.where(MESSAGE_ATTACHMENTS.ID.eq(id.value()))
			.and(MESSAGE_ATTACHMENTS.STATE.eq(AttachmentRows.ATTACHED))
			.and(MESSAGES.DELETED_AT.isNull())
			.and(ReadableMessages.readBy(reader.value()))
			.fetchOptional((row) -> new StoredFile(new AttachmentId(row.value1()), row.value2(), row.value3(),
					row.value4(), row.value5(), row.value6(), row.value7(), row.value8(), row.value9(), row.value10()));
	}

	/**
	 * Locks up to {@code limit} uploads to purge for the rest of the transaction: pending
	 * ones expired by {@code now}, uploads in flight past their deadline (their gateway
	 * died), orphaned ones orphaned by {@code orphanedBefore}, and discarded ones (their
	 * gateway could not purge them). Rows another transaction holds (a send attaching
	 * them, another node purging) are skipped.
	 */
	List<Purgeable> lockPurgeable(Instant now, Instant orphanedBefore, int limit) {
		return this.dsl
			.select(MESSAGE_ATTACHMENTS.ID, MESSAGE_ATTACHMENTS.STATE, MESSAGE_ATTACHMENTS.SIZE_BYTES,
					MESSAGE_ATTACHMENTS.STORAGE_KEY, MESSAGE_ATTACHMENTS.THUMBNAIL_KEY)
			.from(MESSAGE_ATTACHMENTS)
			.where(MESSAGE_ATTACHMENTS.STATE.in(UPLOADING, PENDING)
				.and(MESSAGE_ATTACHMENTS.EXPIRES_AT.le(MessageRows.time(now))))
			.or(MESSAGE_ATTACHMENTS.STATE.eq(ORPHANED)
				.and(MESSAGE_ATTACHMENTS.ORPHANED_AT.le(MessageRows.time(orphanedBefore))))
			.or(MESSAGE_ATTACHMENTS.STATE.eq(DISCARDED))
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

	/** Uploads in flight, and those waiting to be sent that have not expired. */
	private static Condition unsent(Instant now) {
		return MESSAGE_ATTACHMENTS.STATE.in(UPLOADING, PENDING)
			.and(MESSAGE_ATTACHMENTS.EXPIRES_AT.gt(MessageRows.time(now)));
	}

	/**
	 * An upload to purge.
	 *
	 * @param id the upload
	 * @param state UPLOADING (past its deadline), PENDING (expired), ORPHANED (its
	 * message deleted) or DISCARDED (withdrawn, or failed)
	 * @param size its bytes
	 * @param storageKey its object
	 * @param thumbnailKey its preview's object, or {@code null}
	 */
	record Purgeable(AttachmentId id, String state, long size, String storageKey, String thumbnailKey) {

		/**
		 * The objects it may have: an upload cut short (in flight, or discarded from
		 * there) may have written a preview its row does not name.
		 */
		List<String> keys() {
			List<String> keys = new ArrayList<>(List.of(this.storageKey));
			if (this.thumbnailKey != null) {
				keys.add(this.thumbnailKey);
			}
			else if (UPLOADING.equals(this.state) || DISCARDED.equals(this.state)) {
				keys.add(ObjectStore.thumbnailKey(this.id));
			}
			return keys;
		}

	}

}
