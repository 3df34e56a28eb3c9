package dev.ferry.gateway.auth;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.FerryIntegrationTest;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.ferry.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login, session and CSRF as a browser meets them: a cookie jar, the XSRF-TOKEN cookie
 * echoed in a header, the session kept in PostgreSQL.
 */
@FerryIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthenticationIntegrationTests {

	@LocalServerPort
	private int port;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient browser = HttpClient.newBuilder().cookieHandler(this.cookies).build();

	private final UUID userId = UUID.randomUUID();

	private final String email = "ada-" + this.userId + "@maritime.com";

	private DSLContext dsl;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		FerryInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@BeforeEach
	void account(FerryInfrastructure infrastructure) {
		this.dsl = DSL.using(infrastructure.dataSource(), SQLDialect.POSTGRES);
		this.dsl.insertInto(USERS)
			.set(USERS.ID, this.userId)
			.set(USERS.EMAIL, this.email)
			.set(USERS.NAME, "Ada Admin")
			.set(USERS.PASSWORD_HASH, new BCryptPasswordEncoder().encode("test123"))
			.set(USERS.ROLE, "ADMIN")
			.execute();
	}

	@Test
	void csrfTokenIsTheCookieValue() throws Exception {
		HttpResponse<String> response = get("/auth/csrf");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("token").asString()).isEqualTo(xsrfCookie()).isNotBlank();
	}

	@Test
	void loginWithoutTheCsrfHeaderIsRefused() throws Exception {
		get("/auth/csrf");

		HttpResponse<String> response = send(post("/auth/login", credentials("test123")).build());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response).path("error").asString()).isEqualTo("csrf");
	}

	@Test
	void wrongPasswordIsInvalidCredentials() throws Exception {
		HttpResponse<String> response = login("wrong");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("error").asString()).isEqualTo("invalid_credentials");
		assertThat(json(response).path("message").asString()).isEqualTo("Wrong email or password");
	}

	@Test
	void loginStartsASessionStoredInPostgresAndMeAnswersWithTheUser() throws Exception {
		HttpResponse<String> login = login("test123");

		assertThat(login.statusCode()).isEqualTo(200);
		JsonNode user = json(login).path("user");
		assertThat(user.path("id").asString()).isEqualTo(this.userId.toString());
		assertThat(user.path("email").asString()).isEqualTo(this.email);
		assertThat(user.path("name").asString()).isEqualTo("Ada Admin");
		assertThat(user.path("role").asString()).isEqualTo("ADMIN");
		assertThat(user.has("passwordHash")).isFalse();
		assertThat(this.dsl.fetchCount(DSL.table("spring_session"), DSL.field("principal_name").eq(this.email)))
			.isEqualTo(1);
		HttpResponse<String> me = get("/auth/me");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(json(me).path("user")).isEqualTo(user);
	}

	@Test
	void withoutASessionMeIsUnauthenticated() throws Exception {
		HttpResponse<String> response = get("/auth/me");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("error").asString()).isEqualTo("unauthenticated");
	}

	@Test
	void logoutEndsTheSession() throws Exception {
		login("test123");

		HttpResponse<String> logout = send(withCsrf(post("/auth/logout", "")).build());

		assertThat(logout.statusCode()).isEqualTo(204);
		assertThat(get("/auth/me").statusCode()).isEqualTo(401);
	}

	@Test
	void bodyThatIsNotJsonIsInvalidJson() throws Exception {
		get("/auth/csrf");

		HttpResponse<String> response = send(withCsrf(post("/auth/login", "{email:")).build());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).path("error").asString()).isEqualTo("invalid_json");
	}

	private HttpResponse<String> login(String password) throws Exception {
		get("/auth/csrf");
		return send(withCsrf(post("/auth/login", credentials(password))).build());
	}

	private String credentials(String password) {
		return "{\"email\":\"" + this.email.toUpperCase() + "\",\"password\":\"" + password + "\"}";
	}

	private HttpRequest.Builder post(String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
		return request.header("X-XSRF-TOKEN", xsrfCookie());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.browser.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String xsrfCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse("");
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

}
