package dev.ferry.infra.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test moves it, for rules that count time. */
public final class MovingClock extends Clock {

	private Instant now;

	public MovingClock(Instant start) {
		this.now = start;
	}

	/** Moves the clock on. */
	public void pass(Duration time) {
		this.now = this.now.plus(time);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
