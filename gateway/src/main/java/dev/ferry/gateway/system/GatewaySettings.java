package dev.ferry.gateway.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the gateway; defaults are documented in {@code application.yaml}.
 *
 * @param publishTimeout how long a request waits for Kafka to acknowledge a command
 */
@ConfigurationProperties("ferry.gateway")
public record GatewaySettings(Duration publishTimeout) {
}
