package dev.ferry.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read {@code /actuator/prometheus} besides a logged-in SUPERADMIN: a scraper
 * that sends {@code Authorization: Bearer <token>}. Defaults are documented in
 * {@code application.yaml}.
 *
 * @param scrapeToken the token; empty lets no scraper in (it has no default: the gateway
 * does not start until it is given)
 */
@ConfigurationProperties("ferry.metrics")
public record ScrapeSettings(String scrapeToken) {

	boolean hasToken() {
		return this.scrapeToken != null && !this.scrapeToken.isEmpty();
	}

}
