package dev.ferry.gateway.conversation;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ferry.contracts.id.ConversationId;
import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.conversation.GroupLimitSettings.Rate;
import dev.ferry.gateway.system.RateLimitedException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How often groups are created and changed on this node: creations and changes per user,
 * and changes per group whoever makes them. Every change of a group is a frame to each of
 * its members, so neither a busy admin nor a hostile one turns a group into a flood. A
 * bucket is forgotten once it would be full again, so memory follows the active users and
 * groups.
 */
@Component
@EnableConfigurationProperties(GroupLimitSettings.class)
class GroupLimits {

	private final Limit creations;

	private final Limit changesPerUser;

	private final Limit changesPerGroup;

	GroupLimits(GroupLimitSettings settings) {
		this.creations = new Limit(settings.creations());
		this.changesPerUser = new Limit(settings.changesPerUser());
		this.changesPerGroup = new Limit(settings.changesPerGroup());
	}

	/**
	 * Takes the actor's allowance for one more group.
	 * @throws RateLimitedException if they created as many as they may for now
	 */
	void create(UserId actor) {
		this.creations.take(actor, "Too many groups created; try again later");
	}

	/**
	 * Takes the actor's and the group's allowance for one more change.
	 * @throws RateLimitedException if either made as many as it may for now
	 */
	void change(UserId actor, ConversationId group) {
		this.changesPerGroup.take(group, "This group changed too often; try again later");
		try {
			this.changesPerUser.take(actor, "Too many changes of groups; try again later");
		}
		catch (RateLimitedException ex) {
			this.changesPerGroup.giveBack(group);
			throw ex;
		}
	}

	/**
	 * Takes the actor's allowance for a change that is not theirs to make (the
	 * persistence worker refuses it): it costs them, never the group.
	 * @throws RateLimitedException if they made as many as they may for now
	 */
	void changeRefused(UserId actor) {
		this.changesPerUser.take(actor, "Too many changes of groups; try again later");
	}

	/** One token bucket per key. */
	private static final class Limit {

		private final Bandwidth bandwidth;

		private final Cache<Object, Bucket> buckets;

		Limit(Rate rate) {
			this.bandwidth = Bandwidth.builder().capacity(rate.burst()).refillGreedy(rate.burst(), rate.per()).build();
			this.buckets = Caffeine.newBuilder().expireAfterAccess(rate.per()).build();
		}

		void take(Object key, String refusal) {
			ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				throw new RateLimitedException(refusal, Duration.ofNanos(probe.getNanosToWaitForRefill()));
			}
		}

		void giveBack(Object key) {
			bucket(key).addTokens(1);
		}

		private Bucket bucket(Object key) {
			return this.buckets.get(key, (unknown) -> Bucket.builder().addLimit(this.bandwidth).build());
		}

	}

}
