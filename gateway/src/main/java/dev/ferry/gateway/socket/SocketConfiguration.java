package dev.ferry.gateway.socket;

import dev.ferry.gateway.system.GatewaySettings;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * {@code /ws}: plain WebSocket with JSON frames. Spring Security requires the session
 * (401 without); the origin check allows the gateway's own origin, the configured ones,
 * and clients that send no Origin (403 otherwise).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableScheduling
class SocketConfiguration implements WebSocketConfigurer {

	private static final int TEXT_BUFFER_CHARS = 512;

	private static final int BINARY_BUFFER_BYTES = 128;

	private static final int SOCKET_BUFFER_BYTES = 1024;

	private static final String TOMCAT_WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	private final ChatSocketHandler handler;

	private final GatewaySettings settings;

	private final SocketCap cap;

	SocketConfiguration(ChatSocketHandler handler, GatewaySettings settings, SocketCap cap) {
		this.handler = handler;
		this.settings = settings;
		this.cap = cap;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.handler, "/ws")
			.setHandshakeHandler(new DefaultHandshakeHandler(new LeanUpgrade()))
			.setAllowedOrigins(this.settings.socket().allowedOrigins().toArray(String[]::new))
			.addInterceptors(this.cap, sessionId());
	}

	/** Keeps the login's HTTP session id with the socket, to close it when that ends. */
	private static HttpSessionHandshakeInterceptor sessionId() {
		HttpSessionHandshakeInterceptor interceptor = new HttpSessionHandshakeInterceptor();
		interceptor.setCopyAllAttributes(false);
		interceptor.setCopyHttpSessionId(true);
		return interceptor;
	}

	/**
	 * Tomcat keeps a socket's buffers for the socket's whole life, idle or not, so they
	 * are what one idle socket costs: the connection's read and write buffers (8 KiB each
	 * by default) and, sized from a system property that Tomcat reads when its WebSocket
	 * classes load (as the server starts, after this customizer), the WebSocket frame
	 * input and output buffers (8 KiB each). Chat frames are a few hundred bytes, and a
	 * larger one is read in parts and written in several writes.
	 */
	@Bean
	TomcatConnectorCustomizer smallSocketBuffers() {
		if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER_PROPERTY) == null) {
			System.setProperty(TOMCAT_WEBSOCKET_BUFFER_PROPERTY, Integer.toString(SOCKET_BUFFER_BYTES));
		}
		return (connector) -> {
			connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
			connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
		};
	}

	/**
	 * Tomcat gives every socket message buffers of these sizes for its whole life; with
	 * frames read in parts they can be small. Binary frames are refused anyway.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
		container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
		return container;
	}

}
