package dev.ferry.gateway.attachment;

import dev.ferry.gateway.system.ChatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FileNamesTests {

	@Test
	void bidirectionalControlsAreRemovedSoANameReadsAsItIs() {
		assertThat(FileNames.clean("x\u202Egpj.exe")).isEqualTo("xgpj.exe");
		assertThat(FileNames.clean("\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061Ca.txt"))
			.isEqualTo("a.txt");
	}

	@Test
	void controlCharactersAreRemovedC0DelAndC1() {
		assertThat(FileNames.clean("a\r\nb\tc\u0000d\u007Fe\u0085f\u009F.txt")).isEqualTo("abcdef.txt");
	}

	@Test
	void aPathIsNotPartOfTheNameAndNeitherIsSurroundingSpace() {
		assertThat(FileNames.clean(" C:\\photos\\chart été.png ")).isEqualTo("chart été.png");
		assertThat(FileNames.clean("../../etc/passwd")).isEqualTo("passwd");
	}

	/** Nothing would show of it: an empty chip. */
	@Test
	void aNameOfNothingButInvisibleCharactersIsRefused() {
		for (String refused : new String[] { "\u200B", "\uFEFF\u2060", "\u2028\u2029", "\u2800\u2800",
				"\u3000\u200B" }) {
			assertThatExceptionOfType(ChatException.class).isThrownBy(() -> FileNames.clean(refused))
				.satisfies((ex) -> assertThat(ex.code().code()).isEqualTo("invalid_field"));
		}
		assertThat(FileNames.clean("\u200Ba.txt")).isEqualTo("\u200Ba.txt");
	}

	/** 255 characters as the protocol counts them: code points, an emoji one each. */
	@Test
	void aNameIsMeasuredInCodePoints() {
		assertThat(FileNames.clean("😀".repeat(255))).hasSize(510);
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> FileNames.clean("😀".repeat(256)));
	}

	@Test
	void aNameWithNothingLeftOrTooLongIsRefused() {
		for (String refused : new String[] { null, "", "\u202E\n\u200E", "dir/", "a".repeat(256) }) {
			assertThatExceptionOfType(ChatException.class).isThrownBy(() -> FileNames.clean(refused))
				.satisfies((ex) -> assertThat(ex.code().code()).isEqualTo("invalid_field"));
		}
		assertThat(FileNames.clean("a".repeat(255))).hasSize(255);
	}

	@Test
	void aContentDispositionNamesTheFileInUtf8WithAnAsciiFallback() {
		assertThat(FileNames.contentDisposition("attachment", "cute-cat.png"))
			.isEqualTo("attachment; filename=\"cute-cat.png\"; filename*=UTF-8''cute-cat.png");
		assertThat(FileNames.contentDisposition("inline", "plan \"été\"; 100%.txt")).isEqualTo(
				"inline; filename=\"plan __t__; 100_.txt\"; filename*=UTF-8''plan%20%22%C3%A9t%C3%A9%22%3B%20100%25.txt");
		assertThat(FileNames.contentDisposition("attachment", "a\\b 😀.txt"))
			.isEqualTo("attachment; filename=\"a_b _.txt\"; filename*=UTF-8''a%5Cb%20%F0%9F%98%80.txt");
	}

}
