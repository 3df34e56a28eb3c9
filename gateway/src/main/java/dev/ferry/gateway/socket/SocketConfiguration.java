package dev.ferry.gateway.socket;

import dev.ferry.gateway.system.GatewaySettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
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
class SocketConfiguration implements WebSocketConfigurer {

	private final ChatSocketHandler handler;

	private final GatewaySettings settings;

	SocketConfiguration(ChatSocketHandler handler, GatewaySettings settings) {
		this.handler = handler;
		this.settings = settings;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.handler, "/ws")
			.setAllowedOrigins(this.settings.socket().allowedOrigins().toArray(String[]::new));
	}

	/**
	 * Lets frames up to four times the limit reach the handler, which answers them with
	 * {@code frame_too_large}; only larger ones make the container close the socket.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(this.settings.socket().maxFrameBytes() * 4);
		return container;
	}

}
