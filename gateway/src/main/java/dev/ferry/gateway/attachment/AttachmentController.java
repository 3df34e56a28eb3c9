package dev.ferry.gateway.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.contracts.id.AttachmentId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.attachment.Uploads.Uploaded;
import dev.ferry.gateway.auth.FerryUser;
import dev.ferry.gateway.system.ApiError;
import dev.ferry.gateway.system.ApiErrorWriter;
import dev.ferry.gateway.system.ChatException;
import dev.ferry.gateway.system.RateLimitedException;
import dev.ferry.gateway.system.Refusal;
import dev.ferry.gateway.system.UserRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * {@code /attachments}: upload a file (multipart, or the raw body with its name in
 * {@code ?name=}), withdraw one's own pending upload, and fetch one, or an image's
 * preview, as a reader of a message that carries it. Every limit is checked before a byte
 * of an upload's body is read; a user's downloads in flight are capped, as their uploads
 * are. Files are served so that none can run in the page's origin: a {@code sandbox}
 * policy, no sniffing, and as a download unless an image type shown inline; anything else
 * is {@code application/octet-stream}. They are revalidated on every view, so a file
 * whose message was deleted is gone the next time.
 */
@RestController
@Refusal(status = HttpStatus.TOO_MANY_REQUESTS, codes = ErrorCode.RATE_LIMITED)
class AttachmentController {

	/** Served as what they are and shown in the page; never SVG or HTML. */
	private static final List<String> INLINE = List.copyOf(Thumbnails.IMAGES);

	/** A browser may keep a file but asks each time whether it may still show it. */
	private static final String REVALIDATED = "private, no-cache";

	private final Uploads uploads;

	private final AttachmentRepository repository;

	private final ObjectStore store;

	private final UserRateLimiter rateLimiter;

	private final DownloadsInFlight downloads;

	AttachmentController(Uploads uploads, AttachmentRepository repository, ObjectStore store,
			UserRateLimiter rateLimiter, DownloadsInFlight downloads) {
		this.uploads = uploads;
		this.repository = repository;
		this.store = store;
		this.rateLimiter = rateLimiter;
		this.downloads = downloads;
	}

	@PostMapping(path = "/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@UploadRefusals
	Uploaded uploadForm(@AuthenticationPrincipal FerryUser caller, @RequestParam(required = false) String name,
			HttpServletRequest request) throws IOException {
		return this.uploads.storeForm(acquire(caller), name, request);
	}

	@PostMapping("/attachments")
	@ResponseStatus(HttpStatus.CREATED)
	// Both forms are one call in the document, which holds one body per call.
	@RequestBody(
			description = "A form whose part `file` is the file (named by the part's `filename` unless `?name=` "
					+ "names it), or the file itself, with its Content-Type and Content-Length, named by `?name=`",
			required = true,
			content = {
					@Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
							schema = @Schema(type = "object", requiredProperties = MultipartForms.FILE_PART),
							schemaProperties = @SchemaProperty(name = MultipartForms.FILE_PART,
									schema = @Schema(type = "string", format = "binary"))),
					@Content(mediaType = MediaType.ALL_VALUE, schema = @Schema(type = "string", format = "binary")) })
	@UploadRefusals
	@Refusal(status = HttpStatus.LENGTH_REQUIRED, codes = ErrorCode.INVALID_FIELD)
	Uploaded uploadBody(@AuthenticationPrincipal FerryUser caller, @RequestParam(required = false) String name,
			HttpServletRequest request) throws IOException {
		UserId uploader = acquire(caller);
		long length = request.getContentLengthLong();
		if (length < 0) {
			throw new ChatException(ErrorCode.INVALID_FIELD, HttpStatus.LENGTH_REQUIRED,
					"An upload needs a Content-Length (or a multipart form)");
		}
		return this.uploads.storeBody(uploader, name, length, request.getInputStream());
	}

	@DeleteMapping("/attachments/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	void withdraw(@AuthenticationPrincipal FerryUser caller, @PathVariable String id) {
		UserId uploader = acquire(caller);
		this.uploads.withdraw(uploader, attachmentId(id));
	}

	@GetMapping("/attachments/{id}")
	@Parameter(name = HttpHeaders.IF_NONE_MATCH, in = ParameterIn.HEADER, description = "The ETag of the copy held",
			schema = @Schema(type = "string"))
	@ApiResponse(responseCode = "200",
			description = "The whole file: an image shown as what it is, anything else application/octet-stream",
			headers = @Header(name = HttpHeaders.ETAG, description = "\"<sha256>\"", schema = @Schema(type = "string")),
			content = { @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
							schema = @Schema(type = "string", format = "binary")) })
	@ApiResponse(responseCode = "206", description = "The one range asked for",
			headers = {
					@Header(name = HttpHeaders.CONTENT_RANGE, description = "bytes FIRST-LAST/SIZE",
							schema = @Schema(type = "string")),
					@Header(name = HttpHeaders.ETAG, description = "\"<sha256>\"", schema = @Schema(type = "string")) },
			content = { @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
							schema = @Schema(type = "string", format = "binary")) })
	@ApiResponse(responseCode = "304", description = "The copy held (If-None-Match) is the file",
			headers = @Header(name = HttpHeaders.ETAG, description = "\"<sha256>\"", schema = @Schema(type = "string")))
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	@Refusal(status = HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, codes = ErrorCode.RANGE_NOT_SATISFIABLE,
			headers = HttpHeaders.CONTENT_RANGE)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	void download(@AuthenticationPrincipal FerryUser caller, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) String range, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		UserId reader = acquire(caller);
		StoredFile file = readable(reader, id);
		try (DownloadsInFlight.Download download = this.downloads.start(reader)) {
			if (notModified(request, response, "\"" + file.sha256() + "\"")) {
				return;
			}
			response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
			send(file, range, response);
		}
	}

	@GetMapping("/attachments/{id}/thumbnail")
	@Parameter(name = HttpHeaders.IF_NONE_MATCH, in = ParameterIn.HEADER, description = "The ETag of the copy held",
			schema = @Schema(type = "string"))
	@ApiResponse(responseCode = "200", description = "The preview",
			headers = @Header(name = HttpHeaders.ETAG, description = "\"<sha256>.thumbnail\"",
					schema = @Schema(type = "string")),
			content = {
					@Content(mediaType = MediaType.IMAGE_JPEG_VALUE,
							schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = MediaType.IMAGE_PNG_VALUE,
							schema = @Schema(type = "string", format = "binary")) })
	@ApiResponse(responseCode = "304", description = "The copy held (If-None-Match) is the preview",
			headers = @Header(name = HttpHeaders.ETAG, description = "\"<sha256>.thumbnail\"",
					schema = @Schema(type = "string")))
	@Refusal(status = HttpStatus.NOT_FOUND, codes = ErrorCode.NOT_FOUND)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	void thumbnail(@AuthenticationPrincipal FerryUser caller, @PathVariable String id, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		UserId reader = acquire(caller);
		StoredFile file = readable(reader, id);
		if (file.thumbnailKey() == null) {
			throw Uploads.notFound();
		}
		try (DownloadsInFlight.Download download = this.downloads.start(reader)) {
			if (notModified(request, response, "\"" + file.sha256() + ".thumbnail\"")) {
				return;
			}
			response.setContentType(file.thumbnailType());
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline");
			try (InputStream preview = this.store.open(file.thumbnailKey(), null)) {
				preview.transferTo(response.getOutputStream());
			}
		}
	}

	/**
	 * Marks the answer as revalidated with its ETag, and answers 304 (nothing else) if
	 * the client holds it already: a file never changes under its id.
	 */
	private static boolean notModified(HttpServletRequest request, HttpServletResponse response, String etag) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, REVALIDATED);
		return new ServletWebRequest(request, response).checkNotModified(etag);
	}

	/**
	 * Streams the object, or the one range asked for (206 with {@code Content-Range}); a
	 * range that starts past the end is 416, and a request for several ranges gets the
	 * whole file.
	 */
	private void send(StoredFile file, String range, HttpServletResponse response) throws IOException {
		long size = file.size();
		List<HttpRange> ranges = parseRanges(range);
		if (ranges.size() != 1) {
			describe(file, response);
			response.setContentLengthLong(size);
			copy(file.storageKey(), null, response.getOutputStream());
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
			response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
			ApiErrorWriter.write(response, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value(),
					ErrorCode.RANGE_NOT_SATISFIABLE,
					"The file has " + size + " bytes; ask for a range that starts before its end");
			return;
		}
		describe(file, response);
		response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
		response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + size);
		response.setContentLengthLong(last - first + 1);
		copy(file.storageKey(), "bytes=" + first + "-" + last, response.getOutputStream());
	}

	/**
	 * The file's type and name: an image shown inline as what it is, anything else a
	 * download of bytes.
	 */
	private static void describe(StoredFile file, HttpServletResponse response) {
		boolean inline = INLINE.contains(file.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				FileNames.contentDisposition(inline ? "inline" : "attachment", file.name()));
		response.setContentType(inline ? file.contentType() : MediaType.APPLICATION_OCTET_STREAM_VALUE);
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
	 * The file, if the reader may read it; the same 404 whether it does not exist, is not
	 * attached, or belongs to a message the reader does not read.
	 */
	private StoredFile readable(UserId reader, String id) {
		return this.repository.readableBy(attachmentId(id), reader).orElseThrow(Uploads::notFound);
	}

	private static AttachmentId attachmentId(String id) {
		try {
			return new AttachmentId(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			throw Uploads.notFound();
		}
	}

	private UserId acquire(FerryUser caller) {
		UserId user = new UserId(caller.id());
		this.rateLimiter.acquire(user);
		return user;
	}

	/**
	 * A call past one of its caller's limits, an upload refused before its body was read
	 * among them: the client is told when to try again, and that the connection will not
	 * read the rest.
	 */
	@ExceptionHandler(RateLimitedException.class)
	void overLimits(RateLimitedException ex, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
		// With its length, the answer is whole before the client has sent its body.
		response.setHeader(HttpHeaders.CONNECTION, "close");
		ApiErrorWriter.write(response, HttpStatus.TOO_MANY_REQUESTS.value(), ex.code(), ex.getMessage());
	}

	/** An object the row names is gone (purged meanwhile): as missing as any other. */
	@ExceptionHandler(NoSuchKeyException.class)
	ResponseEntity<ApiError> gone(NoSuchKeyException ex) {
		return refused(Uploads.notFound());
	}

	/**
	 * The bucket did not answer: nothing was kept of an upload, and a download can be
	 * asked again. (A withdrawal is done by then: the janitor deletes what is left.)
	 */
	@ExceptionHandler(SdkException.class)
	ResponseEntity<ApiError> storeUnavailable(SdkException ex) {
		return refused(new ChatException(ErrorCode.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
				"The file store did not answer; nothing was kept. Retry."));
	}

	private static ResponseEntity<ApiError> refused(ChatException refusal) {
		return ResponseEntity.status(refusal.status()).body(new ApiError(refusal.code(), refusal.getMessage()));
	}

	/**
	 * What an upload is refused with, in either form; its limits are checked before a
	 * byte of its body is read.
	 */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@Refusal(status = HttpStatus.BAD_REQUEST, codes = ErrorCode.INVALID_FIELD)
	@Refusal(status = HttpStatus.REQUEST_TIMEOUT, codes = ErrorCode.UPLOAD_TOO_SLOW)
	@Refusal(status = HttpStatus.CONTENT_TOO_LARGE, codes = ErrorCode.ATTACHMENT_TOO_LARGE)
	@Refusal(status = HttpStatus.UNSUPPORTED_MEDIA_TYPE, codes = ErrorCode.ATTACHMENT_TYPE_REFUSED)
	@Refusal(status = HttpStatus.UNPROCESSABLE_CONTENT, codes = ErrorCode.IMAGE_TOO_LARGE)
	@Refusal(status = HttpStatus.TOO_MANY_REQUESTS, codes = ErrorCode.UPLOAD_QUOTA_EXCEEDED)
	@Refusal(status = HttpStatus.SERVICE_UNAVAILABLE, codes = ErrorCode.UNAVAILABLE)
	@interface UploadRefusals {

	}

}
