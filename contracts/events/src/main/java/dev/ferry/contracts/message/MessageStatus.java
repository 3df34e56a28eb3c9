package dev.ferry.contracts.message;

/**
 * Where a message is on its way to the reader. Status only moves forward: PENDING &lt;
 * SENT &lt; DELIVERED &lt; READ; FAILED is terminal.
 */
public enum MessageStatus {

	PENDING, SENT, DELIVERED, READ, FAILED;

	/** Whether a message in this status may move to {@code next}. */
	public boolean canAdvanceTo(MessageStatus next) {
		if (this == FAILED) {
			return false;
		}
		if (next == FAILED) {
			return this == PENDING;
		}
		return next.ordinal() > ordinal();
	}

	/** Whether a reader may report this status. */
	public boolean isReceipt() {
		return this == DELIVERED || this == READ;
	}

}
