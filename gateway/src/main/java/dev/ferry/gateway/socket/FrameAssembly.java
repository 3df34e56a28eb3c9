package dev.ferry.gateway.socket;

import java.nio.charset.StandardCharsets;

/**
 * Joins the parts of one client frame, keeping at most the frame size limit: the parts of
 * a larger frame are counted and dropped.
 */
final class FrameAssembly {

	private final int maxBytes;

	/**
	 * The parts so far of a frame that comes in several, only while one does: a socket
	 * that once sent a large frame does not keep a buffer its size.
	 */
	private StringBuilder text;

	private long bytes;

	FrameAssembly(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Adds a part; on the last one returns the whole frame, or {@code null} if it was
	 * over the limit, and starts over.
	 */
	String add(String part, boolean last) {
		this.bytes += part.getBytes(StandardCharsets.UTF_8).length;
		boolean fits = this.bytes <= this.maxBytes;
		if (last) {
			String frame = null;
			if (fits) {
				// A frame in one part, the usual case, is passed on without a copy.
				frame = (this.text == null) ? part : this.text.append(part).toString();
			}
			this.text = null;
			this.bytes = 0;
			return frame;
		}
		if (fits) {
			this.text = (this.text != null) ? this.text.append(part) : new StringBuilder(part);
		}
		else {
			this.text = null;
		}
		return null;
	}

}
