package dev.ferry.infra.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: never a browser or
 * driver that Selenium would download. Each instance has a profile of its own, so two
 * instances are two people (two cookie jars).
 */
final class Chromium {

	static final Path BROWSER = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Chromium() {
	}

	static ChromeDriver start() {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			throw new IllegalStateException("The browser tests need Debian's Chromium: "
					+ "apt-get install -y chromium chromium-driver (.ci/run does it)");
		}
		// Set, Selenium Manager is never asked to find or fetch a driver.
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		// Without the networking flags Chromium keeps trying to reach Google's services.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1200,800", "--user-data-dir=" + profile());
		// The console, Content-Security-Policy violations included, for tests to read.
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriver driver = new ChromeDriver(options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
		return driver;
	}

	private static Path profile() {
		try {
			Path profiles = Files.createDirectories(Path.of("target", "chromium-profiles"));
			return Files.createTempDirectory(profiles, "profile-").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
