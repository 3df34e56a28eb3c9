package dev.ferry.persistence.write;

import java.time.Instant;

import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.message.MessageAttachment;

/**
 * An upload as a send finds it.
 *
 * @param uploader who uploaded it
 * @param state PENDING, ATTACHED or ORPHANED
 * @param expiresAt until when a pending upload may be attached
 * @param file what a message shows of it
 */
record Upload(UserId uploader, String state, Instant expiresAt, MessageAttachment file) {

	static final String PENDING = "PENDING";

	static final String ORPHANED = "ORPHANED";

	/** Whether the sender may attach it now: their own, pending, not expired. */
	boolean attachableBy(UserId sender, Instant now) {
		return this.uploader.equals(sender) && PENDING.equals(this.state) && this.expiresAt != null
				&& this.expiresAt.isAfter(now);
	}

}
