package dev.ferry.contracts.id;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort
 * by creation time and index well.
 */
final class TimeOrderedUuid {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TimeOrderedUuid() {
	}

	static UUID next() {
		long millis = System.currentTimeMillis();
		long randA = RANDOM.nextInt(1 << 12);
		long msb = (millis << 16) | 0x7000L | randA;
		long lsb = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
		return new UUID(msb, lsb);
	}

}
