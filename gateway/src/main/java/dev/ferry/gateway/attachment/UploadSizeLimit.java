package dev.ferry.gateway.attachment;

import java.io.IOException;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.gateway.system.ApiErrorWriter;
import dev.ferry.gateway.system.BodySizeLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an upload whose declared length is over the largest file (plus what a multipart
 * form adds around it) with 413 {@code attachment_too_large}, before anything reads it,
 * as {@link BodySizeLimit} does for every other path; and a form-encoded one with 415
 * {@code attachment_type_refused}: the container reads such a body whole (up to its
 * {@code max-http-form-post-size}) to find its parameters, before any limit, for the
 * first call of {@code getParameter} (the CSRF check's, without the header, before the
 * caller is even known).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadSizeLimit extends OncePerRequestFilter {

	private final long maxFileBytes;

	UploadSizeLimit(AttachmentSettings settings) {
		this.maxFileBytes = settings.maxSize().toBytes();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !BodySizeLimit.isUpload(request.getMethod(), request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (formEncoded(request.getContentType())) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
			ApiErrorWriter.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(), ErrorCode.ATTACHMENT_TYPE_REFUSED,
					"An upload is the file itself or a multipart/form-data form, not "
							+ MediaType.APPLICATION_FORM_URLENCODED_VALUE);
			return;
		}
		boolean form = request.getContentType() != null && request.getContentType().startsWith("multipart/");
		if (request.getContentLengthLong() > this.maxFileBytes + (form ? MultipartForms.FORM_OVERHEAD : 0)) {
			BodySizeLimit.refuse(response, ErrorCode.ATTACHMENT_TOO_LARGE,
					"Files are at most " + this.maxFileBytes + " bytes");
			return;
		}
		chain.doFilter(request, response);
	}

	/** Whether the container would parse the body for parameters, as it decides it. */
	private static boolean formEncoded(String contentType) {
		if (contentType == null) {
			return false;
		}
		int parameters = contentType.indexOf(';');
		String type = ((parameters >= 0) ? contentType.substring(0, parameters) : contentType).trim();
		return MediaType.APPLICATION_FORM_URLENCODED_VALUE.equalsIgnoreCase(type);
	}

}
