package dev.ferry.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a local run or a test keeps its data, and how it is wiped ({@code --fresh}, the
 * end of a test run).
 */
public final class DataDirectory {

	private DataDirectory() {
	}

	/** Deletes the directory and everything in it; nothing happens if it is not there. */
	public static void wipe(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot wipe " + directory, ex);
		}
	}

}
