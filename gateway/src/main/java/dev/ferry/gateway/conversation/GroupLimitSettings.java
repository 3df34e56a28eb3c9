package dev.ferry.gateway.conversation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often groups may be created and changed on a gateway node; defaults are documented
 * in {@code application.yaml}. Each limit is a token bucket: {@code burst} at once, then
 * {@code burst} more each {@code per}.
 *
 * @param creations group creations per user
 * @param changesPerUser changes of groups (members, roles, titles) per user
 * @param changesPerGroup changes per group, whoever makes them
 */
@ConfigurationProperties("ferry.gateway.groups")
record GroupLimitSettings(Rate creations, Rate changesPerUser, Rate changesPerGroup) {

	/**
	 * A rate: up to {@code burst} at once, refilled evenly to {@code burst} over
	 * {@code per}.
	 *
	 * @param burst how many at once
	 * @param per how long a full refill takes
	 */
	record Rate(int burst, Duration per) {
	}

}
