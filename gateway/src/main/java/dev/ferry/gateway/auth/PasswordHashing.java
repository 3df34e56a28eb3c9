package dev.ferry.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt, as every stored hash is, for passwords of any allowed length: BCrypt reads at
 * most 72 bytes (Spring's encoder refuses more), and a password may have 128 characters
 * of up to 4 bytes each. A longer password is first reduced to its SHA-256 digest, so no
 * part of it is ignored; shorter ones, every password stored so far among them, go to
 * BCrypt as they are.
 */
final class PasswordHashing implements PasswordEncoder {

	private static final int BCRYPT_MAX_BYTES = 72;

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	@Override
	public String encode(CharSequence rawPassword) {
		return this.bcrypt.encode(fitting(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return this.bcrypt.matches(fitting(rawPassword), encodedPassword);
	}

	private static CharSequence fitting(CharSequence rawPassword) {
		if (rawPassword == null) {
			return null;
		}
		byte[] bytes = rawPassword.toString().getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= BCRYPT_MAX_BYTES) {
			return rawPassword;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
			return "sha256:" + Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
