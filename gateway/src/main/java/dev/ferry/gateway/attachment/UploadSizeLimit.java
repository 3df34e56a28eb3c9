package dev.ferry.gateway.attachment;

import java.io.IOException;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.gateway.system.BodySizeLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an upload whose declared length is over the largest file (plus what a multipart
 * form adds around it) with 413 {@code attachment_too_large}, before anything reads it,
 * as {@link BodySizeLimit} does for every other path.
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
		boolean form = request.getContentType() != null && request.getContentType().startsWith("multipart/");
		if (request.getContentLengthLong() > this.maxFileBytes + (form ? MultipartForms.FORM_OVERHEAD : 0)) {
			BodySizeLimit.refuse(response, ErrorCode.ATTACHMENT_TOO_LARGE,
					"Files are at most " + this.maxFileBytes + " bytes");
			return;
		}
		chain.doFilter(request, response);
	}

}
