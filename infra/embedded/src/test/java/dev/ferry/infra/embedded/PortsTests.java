package dev.ferry.infra.embedded;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTests {

	@Test
	void freePortsLieBelowTheRangeOutgoingConnectionsTakeTheirPortsFrom() {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			ports.add(Ports.findFree());
		}
		assertThat(ports).allSatisfy((port) -> assertThat(port).isBetween(Ports.LOWEST, Ports.ephemeralStart() - 1))
			.doesNotHaveDuplicates();
	}

	@Test
	void aFreePortCanBeBound() {
		int port = Ports.findFree();
		assertThat(Ports.isFree(port)).isTrue();
	}

}
