package dev.ferry.gateway.system;

import dev.ferry.contracts.error.ErrorCode;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over the limit with 413 {@code frame_too_large} before anything
 * parses it, on every path but the upload of a file: it runs ahead of Spring Security, so
 * a login cannot make the gateway read or hash a large body either. A body without a
 * declared length (chunked) is read up to the limit here and handed on from memory. An
 * upload ({@code POST /attachments}) has its own limit, checked before its body is read,
 * and is streamed to storage, never held here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimit extends OncePerRequestFilter {

	private final int maxBytes;

	BodySizeLimit(GatewaySettings settings) {
		this.maxBytes = settings.maxBodyBytes();
	}

	/** The one path whose body may be larger: an upload, with its own limit. */
	public static final String UPLOADS = "/attachments";

	/** Whether a call is an upload, whose body has its own limit. */
	public static boolean isUpload(String method, String path) {
		return HttpMethod.POST.matches(method) && UPLOADS.equals(path);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return isUpload(request.getMethod(), request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			refuse(response);
			return;
		}
		if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			byte[] body = request.getInputStream().readNBytes(this.maxBytes + 1);
			if (body.length > this.maxBytes) {
				refuse(response);
				return;
			}
			chain.doFilter(new ReadBody(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletResponse response) throws IOException {
		refuse(response, ErrorCode.FRAME_TOO_LARGE, "The request body is larger than " + this.maxBytes + " bytes");
	}

	/**
	 * Answers 413 to a request whose body is not read: the client may still be sending,
	 * so it is told the connection will not read the rest.
	 */
	public static void refuse(HttpServletResponse response, ErrorCode code, String message) throws IOException {
		response.setHeader(HttpHeaders.CONNECTION, "close");
		ApiErrorWriter.write(response, HttpStatus.CONTENT_TOO_LARGE.value(), code, message);
	}

	/** A request whose body was already read, served from memory. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream bytes = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return bytes.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return bytes.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body was already read");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			Charset charset = (getCharacterEncoding() != null) ? Charset.forName(getCharacterEncoding())
					: StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
