package dev.ferry.gateway.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.attachment.Uploads.Uploaded;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.system.ApiError;
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.system.UserRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /attachments}: upload a file (multipart, or the raw body with its name in
 * {@code ?name=}), and fetch one, or an image's preview, as a party of a message that
 * carries it. Files are served so that none can run in the page's origin: a
 * {@code sandbox} policy, no sniffing, and as a download unless an image type shown
 * inline; anything else is {@code application/octet-stream}.
 */
@RestController
class AttachmentController {

	/** Served as what they are and shown in the page; never SVG or HTML. */
	private static final List<String> INLINE = List.copyOf(Thumbnails.IMAGES);

	private final Uploads uploads;

	private final AttachmentRepository repository;

	private final ObjectStore store;

	private final UserRateLimiter rateLimiter;

	AttachmentController(Uploads uploads, AttachmentRepository repository, ObjectStore store,
			UserRateLimiter rateLimiter) {
		this.uploads = uploads;
		this.repository = repository;
		this.store = store;
		this.rateLimiter = rateLimiter;
	}

	@PostMapping(path = "/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	Uploaded uploadPart(@AuthenticationPrincipal FerryUser caller, @RequestPart("file") MultipartFile file)
			throws IOException {
		UserId uploader = acquire(caller);
		try (InputStream body = file.getInputStream()) {
			return this.uploads.store(uploader, file.getOriginalFilename(), file.getSize(), body);
		}
	}

	@PostMapping("/attachments")
	@ResponseStatus(HttpStatus.CREATED)
	Uploaded uploadBody(@AuthenticationPrincipal FerryUser caller, @RequestParam(required = false) String name,
			HttpServletRequest request) throws IOException {
		UserId uploader = acquire(caller);
		long length = request.getContentLengthLong();
		if (length < 0) {
			throw new ChatException(ErrorCode.INVALID_FIELD, HttpStatus.LENGTH_REQUIRED,
					"An upload needs a Content-Length (or a multipart form)");
		}
		return this.uploads.store(uploader, name, length, request.getInputStream());
	}

	@GetMapping("/attachments/{id}")
	void download(@AuthenticationPrincipal FerryUser caller, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) String range, HttpServletResponse response)
			throws IOException {
		StoredFile file = readable(caller, id);
		boolean inline = INLINE.contains(file.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				(inline ? ContentDisposition.inline() : ContentDisposition.attachment())
					.filename(file.name(), StandardCharsets.UTF_8)
					.build()
					.toString());
		response.setContentType(inline ? file.contentType() : MediaType.APPLICATION_OCTET_STREAM_VALUE);
		response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=86400");
		send(file.storageKey(), file.size(), range, response);
	}

	@GetMapping("/attachments/{id}/thumbnail")
	void thumbnail(@AuthenticationPrincipal FerryUser caller, @PathVariable String id, HttpServletResponse response)
			throws IOException {
		StoredFile file = readable(caller, id);
		if (file.thumbnailKey() == null) {
			throw notFound();
		}
		response.setContentType(file.thumbnailType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=86400");
		try (InputStream preview = this.store.open(file.thumbnailKey(), null)) {
			preview.transferTo(response.getOutputStream());
		}
	}

	/**
	 * Streams the object, or the one range asked for (206 with {@code Content-Range}); a
	 * range past the end is 416, and a request for several ranges gets the whole file.
	 */
	private void send(String key, long size, String range, HttpServletResponse response) throws IOException {
		List<HttpRange> ranges = parseRanges(range);
		if (ranges.size() != 1) {
			response.setContentLengthLong(size);
			copy(key, null, response.getOutputStream());
			return;
		}
		HttpRange asked = ranges.get(0);
		long first;
		long last;
		try {
			first = asked.getRangeStart(size);
			last = asked.getRangeEnd(size);
		}
		catch (IllegalArgumentException ex) {
			first = size;
			last = size;
		}
		if (first >= size) {
			response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
			response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
			return;
		}
		response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
		response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + size);
		response.setContentLengthLong(last - first + 1);
		copy(key, "bytes=" + first + "-" + last, response.getOutputStream());
	}

	private void copy(String key, String range, OutputStream out) throws IOException {
		try (InputStream object = this.store.open(key, range)) {
			object.transferTo(out);
		}
	}

	/** The ranges asked for; none for no header or one that does not parse. */
	private static List<HttpRange> parseRanges(String range) {
		if (range == null) {
			return List.of();
		}
		try {
			return HttpRange.parseRanges(range);
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

	/**
	 * The file, if the caller may read it; the same 404 whether it does not exist, is not
	 * attached, or belongs to a message the caller is not a party of.
	 */
	private StoredFile readable(FerryUser caller, String id) {
		UserId reader = acquire(caller);
		AttachmentId attachment;
		try {
			attachment = new AttachmentId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw notFound();
		}
		return this.repository.readableBy(attachment, reader).orElseThrow(AttachmentController::notFound);
	}

	private UserId acquire(FerryUser caller) {
		UserId user = new UserId(caller.id());
		this.rateLimiter.acquire(user);
		return user;
	}

	/** An object the row names is gone (purged meanwhile): as missing as any other. */
	@ExceptionHandler(NoSuchKeyException.class)
	ResponseEntity<ApiError> gone(NoSuchKeyException ex) {
		return refused(notFound());
	}

	/**
	 * The bucket did not answer: nothing was kept of an upload, and a download can be
	 * asked again.
	 */
	@ExceptionHandler(SdkException.class)
	ResponseEntity<ApiError> storeUnavailable(SdkException ex) {
		return refused(new ChatException(ErrorCode.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
				"The file store did not answer; nothing was kept. Retry."));
	}

	private static ResponseEntity<ApiError> refused(ChatException refusal) {
		return ResponseEntity.status(refusal.status()).body(new ApiError(refusal.code(), refusal.getMessage()));
	}

	private static ChatException notFound() {
		return new ChatException(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, "No such attachment");
	}

}
