package dev.ferry.infra.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The services' executable jars as the build leaves them, in {@code <module>/target}. */
public final class ExecutableJars {

	private ExecutableJars() {
	}

	/** The module's executable jar, if it has been built. */
	public static Optional<Path> of(String module) {
		Path target = Path.of(module, "target");
		if (!Files.isDirectory(target)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar")).findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
