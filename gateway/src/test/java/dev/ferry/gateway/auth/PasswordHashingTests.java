package dev.ferry.gateway.auth;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords up to 128 characters are hashed with BCrypt without losing any of them, and
 * every hash stored before still matches.
 */
class PasswordHashingTests {

	private final PasswordHashing hashing = new PasswordHashing();

	@Test
	void aHashStoredByPlainBcryptStillMatches() {
		String stored = new BCryptPasswordEncoder().encode("test123");

		assertThat(this.hashing.matches("test123", stored)).isTrue();
		assertThat(this.hashing.matches("test124", stored)).isFalse();
	}

	@Test
	void aPasswordOf72BytesGoesToBcryptAsItIs() {
		String password = "p".repeat(72);

		assertThat(new BCryptPasswordEncoder().matches(password, this.hashing.encode(password))).isTrue();
	}

	@Test
	void everyCharacterOfALongPasswordCounts() {
		String password = "p".repeat(127) + "q";
		String hash = this.hashing.encode(password);

		assertThat(this.hashing.matches(password, hash)).isTrue();
		assertThat(this.hashing.matches("p".repeat(128), hash)).isFalse();
		assertThat(this.hashing.matches("p".repeat(72), hash)).isFalse();
	}

	@Test
	void aPasswordOfFourByteCharactersIsHashedWhole() {
		String password = "\uD83D\uDEA2".repeat(127) + "\uD83D\uDE80";
		String hash = this.hashing.encode(password);

		assertThat(this.hashing.matches(password, hash)).isTrue();
		assertThat(this.hashing.matches("\uD83D\uDEA2".repeat(128), hash)).isFalse();
	}

}
