package dev.ferry.contracts.kafka;

import org.springframework.context.SmartLifecycle;

/**
 * A bean that follows a topic with a {@link TopicFollower} while the application runs.
 */
public abstract class FollowingLifecycle implements SmartLifecycle {

	private volatile TopicFollower follower;

	/** Starts following; called once when the application starts. */
	protected abstract TopicFollower follow();

	/** Whether the follower handled everything the topic held when it started. */
	protected boolean isCaughtUp() {
		TopicFollower running = this.follower;
		return running != null && running.isCaughtUp();
	}

	@Override
	public void start() {
		this.follower = follow();
	}

	@Override
	public void stop() {
		TopicFollower running = this.follower;
		if (running != null) {
			running.stop();
		}
		this.follower = null;
	}

	@Override
	public boolean isRunning() {
		return this.follower != null;
	}

}
