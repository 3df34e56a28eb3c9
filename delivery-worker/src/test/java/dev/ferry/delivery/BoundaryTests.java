package dev.ferry.delivery;

import dev.ferry.infra.test.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/** This service's feature packages form no cycle and use no other service's classes. */
class BoundaryTests {

	@Test
	void packagesFormNoCycleAndUseNoOtherService() {
		ServiceBoundaries.verify("delivery");
	}

}
