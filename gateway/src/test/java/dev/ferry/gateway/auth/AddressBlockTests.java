package dev.ferry.gateway.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which addresses the login throttle counts as one client.
 */
class AddressBlockTests {

	@Test
	void anIpv4AddressIsItsOwnBlock() {
		assertThat(AddressBlock.of("192.0.2.1")).isEqualTo("192.0.2.1");
		assertThat(AddressBlock.of("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
	}

	@Test
	void anIpv6AddressIsCountedWithItsSlash64HoweverItIsWritten() {
		assertThat(AddressBlock.of("2001:db8:0:1::1")).isEqualTo("2001:db8:0:1:0:0:0:0/64");
		assertThat(AddressBlock.of("2001:DB8:0:1:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:0:1:0:0:0:0/64");
		assertThat(AddressBlock.of("[2001:db8:0:1::2]")).isEqualTo("2001:db8:0:1:0:0:0:0/64");
		assertThat(AddressBlock.of("fe80::1%eth0")).isEqualTo("fe80:0:0:0:0:0:0:0/64");
		assertThat(AddressBlock.of("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:0/64");
		assertThat(AddressBlock.of("2001:db8:0:2::1")).isEqualTo("2001:db8:0:2:0:0:0:0/64");
	}

	@Test
	void whatIsNotAnAddressIsCountedAsItIsWithoutAnyLookUp() {
		assertThat(AddressBlock.of("unknown")).isEqualTo("unknown");
		assertThat(AddressBlock.of("cafe")).isEqualTo("cafe");
		assertThat(AddressBlock.of("example.com:443")).isEqualTo("example.com:443");
		assertThat(AddressBlock.of("2001:db8::1::2")).isEqualTo("2001:db8::1::2");
	}

}
