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
import java.util.Set;
import java.util.UUID;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageRules;
import dev.ferry.gateway.attachment.Thumbnails.ImageTooLargeException;
import dev.ferry.gateway.attachment.Thumbnails.Thumbnail;
import dev.ferry.gateway.system.ChatException;
import org.apache.tika.Tika;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Uploads: a file goes to the bucket as it arrives (never whole in memory), its type is
 * sniffed from its first bytes and its SHA-256 taken on the way, an image gets its
 * preview, and the upload is recorded as pending: its uploader's, to attach to a message
 * until it expires.
 */
@Service
public class Uploads {

	/** The bytes the type is sniffed from: as many as Tika's magic rules read. */
	private static final int SNIFFED_BYTES = 64 * 1024;

	private static final int MAX_NAME = 255;

	private final AttachmentRepository repository;

	private final ObjectStore store;

	private final AttachmentSettings settings;

	private final Thumbnails thumbnails;

	private final Tika tika = new Tika();

	private final Clock clock;

	Uploads(AttachmentRepository repository, ObjectStore store, AttachmentSettings settings, Clock clock) {
		this.repository = repository;
		this.store = store;
		this.settings = settings;
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
	 * Stores an upload of {@code length} bytes.
	 * @throws ChatException if it is refused: too large, a refused type, an image with
	 * too many pixels, a bad name, or too many uploads waiting; nothing is kept then
	 */
	Uploaded store(UserId uploader, String name, long length, InputStream body) {
		String fileName = fileName(name);
		if (length > this.settings.maxSize().toBytes()) {
			throw tooLarge();
		}
		if (length <= 0) {
			throw ChatException.invalidField("The file is empty");
		}
		Instant now = this.clock.instant();
		if (this.repository.pendingCount(uploader, now) >= this.settings.maxPending()) {
			throw new ChatException(ErrorCode.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS, "At most "
					+ this.settings.maxPending() + " uploads may wait to be sent; send them or let them expire");
		}
		AttachmentId id = AttachmentId.newTimeOrdered();
		String key = objectKey(id, "original");
		BufferedInputStream content = new BufferedInputStream(body, SNIFFED_BYTES);
		String contentType = sniff(content, fileName);
		if (this.settings.refusedTypes().contains(contentType)) {
			throw new ChatException(ErrorCode.ATTACHMENT_TYPE_REFUSED, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Files of type " + contentType + " are not accepted");
		}
		MessageDigest sha256 = sha256();
		this.store.put(key, new DigestInputStream(content, sha256), length, contentType);
		try {
			StoredFile file = withPreview(
					new StoredFile(id, fileName, contentType, length, key, null, null, null, null));
			String digest = HexFormat.of().formatHex(sha256.digest());
			this.repository.insertPending(file, uploader, digest, now, now.plus(this.settings.pendingFor()));
			return new Uploaded(id, fileName, length, contentType, digest);
		}
		catch (RuntimeException ex) {
			this.store.delete(List.of(key, objectKey(id, "thumbnail")));
			throw ex;
		}
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
		String key = objectKey(file.id(), "thumbnail");
		this.store.put(key, preview.bytes(), preview.contentType());
		return new StoredFile(file.id(), file.name(), file.contentType(), file.size(), file.storageKey(), key,
				preview.contentType(), preview.width(), preview.height());
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

	/** Where an upload's objects are: its own folder, for the file and its preview. */
	private static String objectKey(AttachmentId id, String object) {
		return "attachments/" + id + "/" + object;
	}

	private ChatException tooLarge() {
		return new ChatException(ErrorCode.ATTACHMENT_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
				"Files are at most " + this.settings.maxSize().toBytes() + " bytes");
	}

	private static String fileName(String name) {
		String stripped = (name != null) ? name.strip() : "";
		// A path a browser sent with the name is not part of it.
		stripped = stripped.substring(Math.max(stripped.lastIndexOf('/'), stripped.lastIndexOf('\\')) + 1);
		if (stripped.isEmpty() || stripped.length() > MAX_NAME || !MessageRules.isStorable(stripped)) {
			throw ChatException.invalidField("name must be 1 to " + MAX_NAME + " characters");
		}
		return stripped;
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

	/**
	 * The answer to an upload.
	 *
	 * @param id the upload, to name in a message's {@code attachmentIds}
	 * @param name its file name
	 * @param size its bytes
	 * @param contentType the type sniffed from its bytes
	 * @param sha256 the hex SHA-256 of its bytes
	 */
	record Uploaded(AttachmentId id, String name, long size, String contentType, String sha256) {
	}

}
