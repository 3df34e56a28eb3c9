package dev.ferry.contracts.message;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ferry.contracts.error.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageRulesTests {

	@Test
	void contentGetsTheProtocolsCode() {
		Map<String, String> codes = new LinkedHashMap<>();
		codes.put("", "content_empty");
		codes.put(" \n\t\r\u000B\f", "content_empty");
		codes.put("\u00A0\u2003\u3000\u0085\u2028", "content_empty");
		codes.put("\u200B\u200C\u200D\u2060\uFEFF ", "content_empty");
		codes.put("\u2800\u115F\u1160\u3164\uFFA0\u2029", "content_empty");
		codes.put("a\u0000b", "invalid_field");
		codes.put("\u0000", "invalid_field");
		codes.put("lone \uD83D high", "invalid_field");
		codes.put("lone \uDC4B low", "invalid_field");
		codes.put("ends high \uD83D", "invalid_field");
		codes.put("a".repeat(4001), "content_too_long");
		codes.put("👋".repeat(4001), "content_too_long");

		codes.forEach((content, code) -> assertThat(MessageRules.contentError(content)).as(content).hasToString(code));
	}

	@Test
	void textIsBlankWhenNothingOfItWouldShow() {
		assertThat(MessageRules.isBlank("")).isTrue();
		assertThat(MessageRules.isBlank("\u200B\u2800 \u2028")).isTrue();
		assertThat(MessageRules.isBlank("\u2800a")).isFalse();
		assertThat(MessageRules.isBlank("\u3164\u3131")).isFalse();
	}

	@Test
	void contentThatTheDatabaseCanStoreIsAccepted() {
		assertThat(MessageRules.contentError("Ahoy 👋")).isNull();
		assertThat(MessageRules.contentError("\u00A0x\u00A0")).isNull();
		assertThat(MessageRules.contentError("👋".repeat(4000))).isNull();
	}

	@Test
	void tempIdsAreOneToSixtyFourStorableCharacters() {
		assertThat(MessageRules.isValidTempId("t-1")).isTrue();
		assertThat(MessageRules.isValidTempId("t".repeat(64))).isTrue();
		assertThat(MessageRules.isValidTempId("👋")).isTrue();
		assertThat(MessageRules.isValidTempId(null)).isFalse();
		assertThat(MessageRules.isValidTempId("")).isFalse();
		assertThat(MessageRules.isValidTempId("t".repeat(65))).isFalse();
		assertThat(MessageRules.isValidTempId("t\u0000")).isFalse();
		assertThat(MessageRules.isValidTempId("t\uD83D")).isFalse();
	}

	@Test
	void refusedContentHasOneReasonForGatewayAndWorker() {
		assertThat(MessageRules.reasonFor(ErrorCode.CONTENT_EMPTY))
			.isEqualTo("Content is empty or only whitespace or invisible characters");
		assertThat(MessageRules.reasonFor(ErrorCode.CONTENT_TOO_LONG))
			.isEqualTo("Content is longer than 4000 code points");
		assertThatIllegalArgumentException().isThrownBy(() -> MessageRules.reasonFor(ErrorCode.NOT_FOUND));
	}

}
