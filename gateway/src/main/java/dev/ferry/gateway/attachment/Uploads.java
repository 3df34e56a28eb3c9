package dev.ferry.gateway.attachment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageRules;
import dev.ferry.gateway.attachment.AttachmentRepository.Purgeable;
import dev.ferry.gateway.attachment.MultipartForms.FileTooLargeException;
import dev.ferry.gateway.attachment.MultipartForms.SpooledFile;
import dev.ferry.gateway.attachment.Thumbnails.ImageTooLargeException;
import dev.ferry.gateway.attachment.Thumbnails.Thumbnail;
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.system.RateLimitedException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tika.Tika;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploads. An upload is recorded as in flight before a byte of its body is read, under a
 * lock on its uploader's uploads, so that it counts against their limits at once however
 * many start together. Its body must then keep up a minimum rate; a raw body goes to the
 * bucket as it arrives (never whole in memory), a form's file part is spooled to disk
 * first. Its type is sniffed from its first bytes and its SHA-256 taken on the way, an
 * image gets its preview, and the upload turns pending: its uploader's, to attach to a
 * message until it expires, or to withdraw. An upload that fails, or is withdrawn, is
 * discarded at once (it counts for nothing from then on) and leaves nothing: what the
 * bucket does not delete then, the janitor does.
 */
@Service
public class Uploads {

	private static final Logger logger = LoggerFactory.getLogger(Uploads.class);

	/** The bytes the type is sniffed from: as many as Tika's magic rules read. */
	private static final int SNIFFED_BYTES = 64 * 1024;

	private final AttachmentRepository repository;

	private final ObjectStore store;

	private final AttachmentSettings settings;

	private final UploadLimits limits;

	private final RefusedTypes refusedTypes;

	private final Thumbnails thumbnails;

	private final Tika tika = new Tika();

	private final TransactionTemplate transactions;

	private final Clock clock;

	Uploads(AttachmentRepository repository, ObjectStore store, AttachmentSettings settings,
			PlatformTransactionManager transactions, Clock clock) {
		this.repository = repository;
		this.store = store;
		this.settings = settings;
		this.limits = new UploadLimits(settings);
		this.refusedTypes = new RefusedTypes(settings.refusedTypes());
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
		this.thumbnails = new Thumbnails(settings.thumbnailSize(), settings.maxPixels());
	}

	/**
	 * The uploads a send attaches, checked: at most
	 * {@value MessageRules#MAX_ATTACHMENTS}, each named once, each the sender's own,
	 * pending and not expired.
	 * @throws ChatException {@code invalid_field} otherwise
	 */
	public List<AttachmentId> attachable(UserId sender, List<String> ids) {
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		if (ids.size() > MessageRules.MAX_ATTACHMENTS) {
			throw ChatException.invalidField("attachmentIds holds at most " + MessageRules.MAX_ATTACHMENTS + " ids");
		}
		Set<AttachmentId> named = new LinkedHashSet<>();
		for (String id : ids) {
			named.add(attachmentId(id));
		}
		if (named.size() < ids.size()
				|| !this.repository.attachable(sender, named, this.clock.instant()).containsAll(named)) {
			throw ChatException.invalidField("attachmentIds must name your own uploads, each once, not sent yet");
		}
		return List.copyOf(named);
	}

	/**
	 * Stores an upload whose file is the request body, of {@code length} bytes.
	 * @throws ChatException if it is refused (nothing is kept then): too large, empty, a
	 * bad name, past the uploader's limits, too slow, a refused type, an image with too
	 * many pixels
	 */
	Uploaded storeBody(UserId uploader, String name, long length, InputStream body) throws IOException {
		String fileName = FileNames.clean(name);
		requireSize(length);
		InFlight upload = start(uploader, length);
		return upload.run(() -> store(upload, fileName, length, upload.paced(body)));
	}

	/**
	 * Stores an upload whose file is the part {@code file} of a multipart form, named
	 * {@code name} if given, else as the part names it. Its limits are checked with the
	 * form's declared length (the largest file without one) before the form is read.
	 * @throws ChatException as {@link #storeBody}, and {@code invalid_field} for a form
	 * without that part
	 */
	Uploaded storeForm(UserId uploader, String name, HttpServletRequest request) throws IOException {
		String given = (name != null) ? FileNames.clean(name) : null;
		long declared = request.getContentLengthLong();
		InFlight upload = start(uploader, (declared >= 0) ? declared : this.settings.maxSize().toBytes());
		return upload.run(() -> {
			try (SpooledFile file = MultipartForms.spool(request, upload.paced(request.getInputStream()),
					this.settings.maxSize().toBytes())) {
				String fileName = (given != null) ? given : FileNames.clean(file.name());
				requireSize(file.size());
				try (InputStream content = file.open()) {
					return store(upload, fileName, file.size(), content);
				}
			}
		});
	}

	/**
	 * Withdraws the uploader's own pending upload: discards it at once, then purges it.
	 * No lock is held while the bucket is asked: a send attaching it at the same moment
	 * waits for one write only.
	 * @throws ChatException {@code not_found} for any other upload
	 */
	void withdraw(UserId uploader, AttachmentId id) {
		purge(this.repository.discardPending(id, uploader).orElseThrow(Uploads::notFound));
	}

	/**
	 * Records an upload about to be read, once the uploader's limits allow it.
	 * @throws RateLimitedException if they do not
	 */
	private InFlight start(UserId uploader, long bytes) {
		AttachmentId id = AttachmentId.newTimeOrdered();
		Instant now = this.clock.instant();
		Instant deadline = now.plus(this.settings.uploadTimeout());
		this.transactions.executeWithoutResult((transaction) -> {
			this.repository.lockUploadsOf(uploader);
			this.limits.check(this.repository.unsentOf(uploader, now), bytes, now);
			this.repository.insertUploading(id, uploader, bytes, now, deadline);
		});
		return new InFlight(id, deadline);
	}

	/** Stores the file of an upload in flight, and makes the upload pending. */
	private Uploaded store(InFlight upload, String fileName, long length, InputStream body) {
		BufferedInputStream content = new BufferedInputStream(body, SNIFFED_BYTES);
		String contentType = sniff(content, fileName);
		if (this.refusedTypes.refuses(contentType)) {
			throw new ChatException(ErrorCode.ATTACHMENT_TYPE_REFUSED, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Files of type " + contentType + " are not accepted");
		}
		MessageDigest sha256 = sha256();
		String key = ObjectStore.originalKey(upload.id);
		this.store.put(key, new DigestInputStream(content, sha256), length, contentType);
		String digest = HexFormat.of().formatHex(sha256.digest());
		StoredFile file = withPreview(
				new StoredFile(upload.id, fileName, contentType, length, digest, key, null, null, null, null));
		if (!this.repository.stored(file, this.clock.instant().plus(this.settings.pendingFor()))) {
			throw tooSlow();
		}
		return new Uploaded(upload.id, fileName, length, contentType, digest);
	}

	/**
	 * The file with its preview, made and stored now if it is an image: never when it is
	 * asked for.
	 */
	private StoredFile withPreview(StoredFile file) {
		if (!Thumbnails.IMAGES.contains(file.contentType())) {
			return file;
		}
		Thumbnail preview;
		try (InputStream image = this.store.open(file.storageKey(), null)) {
			preview = this.thumbnails.of(image);
		}
		catch (ImageTooLargeException ex) {
			throw new ChatException(ErrorCode.IMAGE_TOO_LARGE, HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		}
		catch (IOException ex) {
			// Bytes that look like an image but do not decode: a file without a preview.
			return file;
		}
		if (preview == null) {
			return file;
		}
		String key = ObjectStore.thumbnailKey(file.id());
		this.store.put(key, preview.bytes(), preview.contentType());
		return file.withPreview(key, preview.contentType(), preview.width(), preview.height());
	}

	/**
	 * Forgets an upload that ended without its file: discards it at once, so that it no
	 * longer counts against its uploader's limits, then purges it.
	 */
	private void abandon(InFlight upload) {
		Optional<Purgeable> discarded = this.repository.discardUploading(upload.id);
		if (discarded.isPresent()) {
			purge(discarded.get());
		}
		else {
			// Purged past its deadline, perhaps before its objects were written: no row
			// is
			// left for the janitor, so this is the only try.
			deleteObjects(upload.id, List.of(ObjectStore.originalKey(upload.id), ObjectStore.thumbnailKey(upload.id)));
		}
	}

	/**
	 * Deletes a discarded upload's objects, then its row. If the bucket does not answer,
	 * both are left to the janitor's next run: the upload counts for nothing meanwhile.
	 */
	private void purge(Purgeable discarded) {
		if (deleteObjects(discarded.id(), discarded.keys())) {
			this.repository.deleteDiscarded(discarded.id());
		}
	}

	/**
	 * Deletes an upload's objects; {@code false} (logged) if the bucket did not answer.
	 */
	private boolean deleteObjects(AttachmentId id, List<String> keys) {
		try {
			this.store.delete(keys);
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("The objects of discarded upload {} could not be deleted", id, ex);
			return false;
		}
	}

	/** The type the bytes are, whatever the name or the client claims. */
	private String sniff(BufferedInputStream content, String name) {
		try {
			return this.tika.detect(content, name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void requireSize(long length) {
		if (length > this.settings.maxSize().toBytes()) {
			throw tooLarge();
		}
		if (length <= 0) {
			throw ChatException.invalidField("The file is empty");
		}
	}

	private ChatException tooLarge() {
		return new ChatException(ErrorCode.ATTACHMENT_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
				"Files are at most " + this.settings.maxSize().toBytes() + " bytes");
	}

	private ChatException tooSlow() {
		return new ChatException(ErrorCode.UPLOAD_TOO_SLOW, HttpStatus.REQUEST_TIMEOUT,
				"Uploads must come at " + this.settings.minRate().toBytes() + " bytes a second or more (over each "
						+ this.settings.rateWindow().toSeconds() + " s) and end within "
						+ this.settings.uploadTimeout().toMinutes() + " min; nothing was kept");
	}

	static ChatException notFound() {
		return new ChatException(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, "No such attachment");
	}

	private static AttachmentId attachmentId(String id) {
		try {
			return new AttachmentId(UUID.fromString(String.valueOf(id)));
		}
		catch (IllegalArgumentException ex) {
			throw ChatException.invalidField("attachmentIds must hold attachment ids");
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/** Reading and storing an upload's file. */
	@FunctionalInterface
	private interface Work {

		Uploaded run() throws IOException;

	}

	/** An upload recorded as in flight, until it is stored or abandoned. */
	private final class InFlight {

		private final AttachmentId id;

		private final Instant deadline;

		private MinimumRateStream body;

		InFlight(AttachmentId id, Instant deadline) {
			this.id = id;
			this.deadline = deadline;
		}

		/** The request body, cut if it comes too slowly. */
		InputStream paced(InputStream requestBody) {
			this.body = new MinimumRateStream(requestBody, Uploads.this.settings.minBytesPerWindow(),
					Uploads.this.settings.rateWindow(), this.deadline, Uploads.this.clock);
			return this.body;
		}

		/** Runs the work; if it fails, nothing of the upload is left. */
		Uploaded run(Work work) throws IOException {
			try {
				return work.run();
			}
			catch (IOException | RuntimeException ex) {
				abandon(this);
				if (this.body != null && this.body.cut()) {
					throw tooSlow();
				}
				if (ex instanceof FileTooLargeException) {
					throw tooLarge();
				}
				throw ex;
			}
		}

	}

	/**
	 * The answer to an upload.
	 *
	 * @param id the upload, to name in a message's {@code attachmentIds}
	 * @param name its file name
	 * @param size its bytes
	 * @param contentType the type sniffed from its bytes
	 * @param sha256 the SHA-256 of its bytes, 64 lower-case hex digits
	 */
	record Uploaded(AttachmentId id, String name, long size, String contentType, String sha256) {
	}

}
