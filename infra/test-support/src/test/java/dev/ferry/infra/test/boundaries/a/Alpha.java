package dev.ferry.infra.test.boundaries.a;

import dev.ferry.infra.test.boundaries.b.Beta;

/** Half of a package cycle that {@code ServiceBoundariesTests} must find. */
public class Alpha {

	public Beta beta() {
		return new Beta();
	}

}
