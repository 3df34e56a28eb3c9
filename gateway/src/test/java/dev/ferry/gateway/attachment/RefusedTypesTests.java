package dev.ferry.gateway.attachment;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusedTypesTests {

	private final RefusedTypes refused = new RefusedTypes(List.of("application/x-msdownload", "application/x-elf",
			"application/x-mach-o-executable", "application/java-vm", "application/x-ms-installer"));

	@Test
	void everyKindOfARefusedTypeIsRefused() {
		assertThat(this.refused.refuses("application/x-msdownload; format=pe32")).isTrue();
		assertThat(this.refused.refuses("application/x-msdownload; format=pe64")).isTrue();
		assertThat(this.refused.refuses("application/x-msdownload")).isTrue();
		assertThat(this.refused.refuses("application/x-dosexec")).isTrue();
		assertThat(this.refused.refuses("application/x-executable")).isTrue();
		assertThat(this.refused.refuses("application/x-sharedlib")).isTrue();
		assertThat(this.refused.refuses("application/x-mach-o-executable")).isTrue();
		assertThat(this.refused.refuses("application/java-vm")).isTrue();
		assertThat(this.refused.refuses("application/x-ms-installer")).isTrue();
	}

	@Test
	void otherTypesAndTheirParentsAreNot() {
		assertThat(this.refused.refuses("application/octet-stream")).isFalse();
		assertThat(this.refused.refuses("text/plain; charset=UTF-8")).isFalse();
		assertThat(this.refused.refuses("application/x-sh")).isFalse();
		assertThat(this.refused.refuses("application/x-tika-msoffice")).isFalse();
		assertThat(this.refused.refuses("application/msword")).isFalse();
		assertThat(this.refused.refuses("image/png")).isFalse();
		assertThat(this.refused.refuses("not a type")).isFalse();
	}

}
