package dev.ferry.gateway.socket;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Upgrades a handshake that has passed every check (session, Origin, socket cap) showing
 * the container and Spring's socket session only what a socket needs to keep for its
 * whole life, because both keep what they are shown for as long as the socket is open,
 * idle or not:
 * <ul>
 * <li>no {@code permessage-deflate} offer, which every browser makes: Tomcat would keep a
 * compressor and a decompressor per socket for its life (zlib state outside the heap,
 * about 110 KiB a socket measured, ten times what the socket costs otherwise), to save a
 * few hundred bytes a chat frame (docs/performance.md has both figures). The client falls
 * back to plain frames, as RFC 7692 provides;</li>
 * <li>no copy of the headers: the container reads the handshake's own by name, and
 * cookies, user agent and the rest were read by the checks already;</li>
 * <li>no HTTP session: the container would keep the login's session object (with its
 * security context) per socket. {@link SessionWatch} ends sockets with their login.</li>
 * </ul>
 */
final class LeanUpgrade implements RequestUpgradeStrategy {

	private static final Set<String> HANDSHAKE_HEADERS = Set.of("host", "upgrade", "connection", "origin",
			"sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol");

	private final RequestUpgradeStrategy container = new StandardWebSocketUpgradeStrategy();

	@Override
	public String[] getSupportedVersions() {
		return this.container.getSupportedVersions();
	}

	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return List.of();
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
		this.container.upgrade(new SessionKeepsNothing(new HandshakeOnly(servletRequest)), response, selectedProtocol,
				List.of(), user, wsHandler, attributes);
	}

	/**
	 * The handshake as Spring's socket session sees it: no headers and no addresses,
	 * which it would copy and keep, and Ferry never asks it for.
	 */
	private static final class SessionKeepsNothing extends ServletServerHttpRequest {

		SessionKeepsNothing(HttpServletRequest request) {
			super(request);
		}

		@Override
		public HttpHeaders getHeaders() {
			return HttpHeaders.EMPTY;
		}

		@Override
		public InetSocketAddress getLocalAddress() {
			return null;
		}

		@Override
		public InetSocketAddress getRemoteAddress() {
			return null;
		}

	}

	/**
	 * The handshake request as the container sees it: the headers it asks for by name,
	 * and none it would copy for keeping (it copies every header that
	 * {@link #getHeaderNames()} lists).
	 */
	private static final class HandshakeOnly extends HttpServletRequestWrapper {

		HandshakeOnly(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return isKept(name) ? super.getHeader(name) : null;
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isKept(name) ? super.getHeaders(name) : Collections.emptyEnumeration();
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public HttpSession getSession(boolean create) {
			return null;
		}

		@Override
		public HttpSession getSession() {
			return null;
		}

		private static boolean isKept(String name) {
			return HANDSHAKE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
		}

	}

}
