package dev.ferry.infra.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Logs a user in as the protocol says (CSRF token first, then the login with the token
 * echoed) and returns the cookies a socket needs, without a cookie jar per user.
 */
final class Login {

	private Login() {
	}

	static String cookies(HttpClient http, String baseUrl, String email, String password)
			throws IOException, InterruptedException {
		Map<String, String> cookies = new LinkedHashMap<>();
		HttpResponse<String> csrf = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/auth/csrf")).build(),
				HttpResponse.BodyHandlers.ofString());
		remember(cookies, csrf);
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/auth/login"))
			.header("Content-Type", "application/json")
			.header("Cookie", header(cookies))
			.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (login.statusCode() != 200) {
			throw new IllegalStateException(
					"Login of " + email + " failed: " + login.statusCode() + " " + login.body());
		}
		remember(cookies, login);
		return header(cookies);
	}

	private static void remember(Map<String, String> cookies, HttpResponse<?> response) {
		List<String> set = response.headers().allValues("Set-Cookie");
		for (String cookie : set) {
			String pair = cookie.split(";", 2)[0];
			int equals = pair.indexOf('=');
			cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
		}
	}

	private static String header(Map<String, String> cookies) {
		return cookies.entrySet()
			.stream()
			.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
	}

}
