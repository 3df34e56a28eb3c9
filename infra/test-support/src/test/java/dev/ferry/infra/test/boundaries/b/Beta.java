package dev.ferry.infra.test.boundaries.b;

import dev.ferry.infra.test.boundaries.a.Alpha;

/** The other half of the package cycle. */
public class Beta {

	public Alpha alpha() {
		return new Alpha();
	}

}
