package dev.ferry.gateway.socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client frames joined from the parts the container reads, without a container.
 */
class FrameAssemblyTests {

	private final FrameAssembly assembly = new FrameAssembly(10);

	@Test
	void aFrameInOnePartIsPassedOnAsItIs() {
		String frame = "{\"a\":1}";

		assertThat(this.assembly.add(frame, true)).isSameAs(frame);
	}

	@Test
	void partsAreJoinedOnTheLastOne() {
		assertThat(this.assembly.add("{\"a\"", false)).isNull();
		assertThat(this.assembly.add(":1", false)).isNull();
		assertThat(this.assembly.add("}", true)).isEqualTo("{\"a\":1}");
	}

	@Test
	void theLimitCountsUtf8BytesNotCharacters() {
		assertThat(this.assembly.add("ßßßßß", true)).isEqualTo("ßßßßß");
		assertThat(this.assembly.add("ßßßßßa", true)).isNull();
		assertThat(this.assembly.add("👋👋", false)).isNull();
		assertThat(this.assembly.add("👋", true)).isNull();
	}

	@Test
	void aFrameOverTheLimitIsRefusedAndTheNextStartsAfresh() {
		assertThat(this.assembly.add("123456", false)).isNull();
		assertThat(this.assembly.add("789012", false)).isNull();
		assertThat(this.assembly.add("345", true)).isNull();

		assertThat(this.assembly.add("12345", false)).isNull();
		assertThat(this.assembly.add("67890", true)).isEqualTo("1234567890");
	}

}
