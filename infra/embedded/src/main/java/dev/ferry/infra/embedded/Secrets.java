package dev.ferry.infra.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Passwords, keys and tokens made up on this machine, and the file that keeps those of a
 * data directory: made up at its first start, readable by its owner only, read again at
 * every later start.
 */
public final class Secrets {

	/** Letters and digits that cannot be mistaken for one another when read aloud. */
	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	/** About 140 bits. */
	private static final int LENGTH = 24;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	/**
	 * A new secret of letters and digits only: safe in a URL, a shell command, a JAAS
	 * line or an SQL literal.
	 */
	public static String generate() {
		StringBuilder secret = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return secret.toString();
	}

	/**
	 * The secrets the file keeps under these names. Those it lacks (all of them, the
	 * first time) are made up and added; whatever else it keeps stays as it is.
	 * @param file a properties file, made owner-only when it is written
	 * @param names the secrets' names
	 * @return each name's secret
	 */
	public static Map<String, String> keep(Path file, Collection<String> names) {
		try {
			Properties kept = new Properties();
			if (Files.exists(file)) {
				try (Reader reader = Files.newBufferedReader(file)) {
					kept.load(reader);
				}
			}
			boolean added = false;
			for (String name : names) {
				if (kept.getProperty(name) == null) {
					kept.setProperty(name, generate());
					added = true;
				}
			}
			if (added) {
				StringWriter text = new StringWriter();
				kept.store(text, "Passwords, keys and tokens of this data directory, made up at its first start");
				writePrivately(file, text.toString());
			}
			Map<String, String> secrets = new LinkedHashMap<>();
			names.forEach((name) -> secrets.put(name, kept.getProperty(name)));
			return secrets;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the secrets in " + file, ex);
		}
	}

	/**
	 * Writes a file only its owner can read: written beside it and moved into place, so a
	 * reader sees the old file or the new one, and nobody else can ever read either.
	 */
	public static void writePrivately(Path file, String text) {
		try {
			Path directory = file.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			Path written = Files.createTempFile(directory, file.getFileName().toString(), ".new",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(written, text);
			Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
