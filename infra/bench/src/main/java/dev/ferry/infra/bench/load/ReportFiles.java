package dev.ferry.infra.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run's figures as JSON and its HTML report side by side. */
final class ReportFiles {

	private ReportFiles() {
	}

	/** A map that keeps the order its keys are given in: tables read as written. */
	static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int index = 0; index < keysAndValues.length; index += 2) {
			map.put((String) keysAndValues[index], keysAndValues[index + 1]);
		}
		return map;
	}

	static void write(Path directory, String name, Map<String, Object> figures, String html) throws IOException {
		Files.createDirectories(directory);
		Path json = directory.resolve(name + ".json");
		Files.writeString(json,
				JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(figures));
		Path page = directory.resolve(name + ".html");
		Files.writeString(page, html);
		System.out.println("JSON report: " + json.toAbsolutePath());
		System.out.println("HTML report: " + page.toAbsolutePath());
	}

}
