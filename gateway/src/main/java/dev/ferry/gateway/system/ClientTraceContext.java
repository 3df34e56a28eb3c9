package dev.ferry.gateway.system;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Drops the trace context a client sends before its request is observed: every header the
 * configured propagation reads ({@code traceparent}, {@code tracestate} and
 * {@code baggage} with W3C). A client is outside the trust boundary; honoured, its
 * context would choose the trace id of every record the request causes, force the trace
 * to be recorded whatever the sampling probability, and put its baggage in every record.
 * So each request, a socket's handshake included, starts a trace of the gateway's own;
 * inside Ferry, records go on carrying the trace and the workers continue it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientTraceContext extends OncePerRequestFilter {

	/** The headers dropped, in lower case. */
	private final Set<String> fields;

	ClientTraceContext(Propagator propagator) {
		this.fields = propagator.fields()
			.stream()
			.map((field) -> field.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * The observation of a request may begin at an error dispatch (a request that failed
	 * before any filter ran), which must not see the client's context either.
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new WithoutTraceContext(request), response);
	}

	private boolean isTraceContext(String header) {
		return this.fields.contains(header.toLowerCase(Locale.ROOT));
	}

	/** The request as if the client had sent no trace context. */
	private final class WithoutTraceContext extends HttpServletRequestWrapper {

		WithoutTraceContext(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return isTraceContext(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isTraceContext(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(
					Collections.list(super.getHeaderNames()).stream().filter((name) -> !isTraceContext(name)).toList());
		}

	}

}
