package dev.ferry.gateway.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.ferry.infra.test.client.Browser;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.infra.test.FerryInfrastructure;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static dev.ferry.infra.test.client.Browser.json;
import static dev.ferry.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login, session and CSRF as a browser meets them: a cookie jar, the XSRF-TOKEN cookie
 * echoed in a header, the session kept in PostgreSQL.
 */
class AuthenticationIntegrationTests extends GatewayIntegrationTest {

	private Browser browser;

	private final UUID userId = UUID.randomUUID();

	private final String email = "ada-" + this.userId + "@maritime.com";

	private DSLContext dsl;

	@BeforeEach
	void account(FerryInfrastructure infrastructure) {
		this.browser = new Browser(this.port);
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
	void csrfTokenIsTheCookieValue() {
		HttpResponse<String> response = this.browser.get("/auth/csrf");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("token").asString()).isEqualTo(this.browser.xsrfCookie()).isNotBlank();
	}

	@Test
	void loginWithoutTheCsrfHeaderIsRefused() {
		this.browser.get("/auth/csrf");

		HttpResponse<String> response = this.browser.writeWithoutCsrf("POST", "/auth/login", credentials("test123"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response).path("error").asString()).isEqualTo("csrf");
	}

	@Test
	void wrongPasswordIsInvalidCredentials() {
		HttpResponse<String> response = this.browser.login(this.email, "wrong");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("error").asString()).isEqualTo("invalid_credentials");
		assertThat(json(response).path("message").asString()).isEqualTo("Wrong email or password");
	}

	@Test
	void loginStartsASessionStoredInPostgresAndMeAnswersWithTheUser() {
		HttpResponse<String> login = this.browser.login(this.email.toUpperCase(), "test123");

		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(
				(cookie) -> assertThat(cookie).startsWith("SESSION=").contains("HttpOnly").contains("SameSite=Lax"));
		JsonNode user = json(login).path("user");
		assertThat(user.path("id").asString()).isEqualTo(this.userId.toString());
		assertThat(user.path("email").asString()).isEqualTo(this.email);
		assertThat(user.path("name").asString()).isEqualTo("Ada Admin");
		assertThat(user.path("role").asString()).isEqualTo("ADMIN");
		assertThat(user.has("passwordHash")).isFalse();
		assertThat(this.dsl.fetchCount(DSL.table("spring_session"), DSL.field("principal_name").eq(this.userId + ":0")))
			.isEqualTo(1);
		HttpResponse<String> me = this.browser.get("/auth/me");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(json(me).path("user")).isEqualTo(user);
	}

	/**
	 * Sessions are stored in the database: the login they keep must not hold the
	 * password's hash.
	 */
	@Test
	void theStoredSessionHoldsNoPasswordHash() {
		String hash = this.dsl.select(USERS.PASSWORD_HASH)
			.from(USERS)
			.where(USERS.ID.eq(this.userId))
			.fetchOne()
			.value1();

		assertThat(this.browser.login(this.email, "test123").statusCode()).isEqualTo(200);

		List<byte[]> attributes = this.dsl
			.fetch("select a.attribute_bytes from spring_session_attributes a"
					+ " join spring_session s on s.primary_id = a.session_primary_id where s.principal_name in (?, ?)",
					this.userId + ":0", this.email)
			.getValues(0, byte[].class);
		assertThat(attributes).isNotEmpty()
			.allSatisfy((bytes) -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(hash)
				.doesNotContain("test123"));
	}

	/**
	 * Emails may be 320 characters long; the session table once kept them in 100.
	 */
	@Test
	void aUserWithAnEmailOf320CharactersLogsIn() {
		String longEmail = "a".repeat(320 - "@maritime.com".length()) + "@maritime.com";
		this.dsl.update(USERS).set(USERS.EMAIL, longEmail).where(USERS.ID.eq(this.userId)).execute();

		HttpResponse<String> login = this.browser.login(longEmail, "test123");

		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(json(this.browser.get("/auth/me")).path("user").path("email").asString()).isEqualTo(longEmail);
	}

	@Test
	void anUnauthenticatedRequestStartsNoSession() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/conversations"))
			.header("Accept", "*/*")
			.GET()
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("error").asString()).isEqualTo("unauthenticated");
		assertThat(response.headers().allValues("Set-Cookie")).noneMatch((cookie) -> cookie.startsWith("SESSION="));
	}

	@Test
	void withoutASessionMeIsUnauthenticated() {
		HttpResponse<String> response = this.browser.get("/auth/me");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("error").asString()).isEqualTo("unauthenticated");
	}

	@Test
	void logoutEndsTheSession() {
		this.browser.login(this.email, "test123");

		HttpResponse<String> logout = this.browser.write("POST", "/auth/logout", "");

		assertThat(logout.statusCode()).isEqualTo(204);
		assertThat(this.browser.get("/auth/me").statusCode()).isEqualTo(401);
	}

	/** Logout is open: it answers before any session is asked for. */
	@Test
	void logoutWithoutASessionIsAnsweredAsAnyLogout() {
		this.browser.get("/auth/csrf");

		HttpResponse<String> logout = this.browser.write("POST", "/auth/logout", "");

		assertThat(logout.statusCode()).isEqualTo(204);
		assertThat(logout.body()).isEmpty();
	}

	@Test
	void bodyThatIsNotJsonIsInvalidJson() {
		this.browser.get("/auth/csrf");

		HttpResponse<String> response = this.browser.write("POST", "/auth/login", "{email:");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).path("error").asString()).isEqualTo("invalid_json");
	}

	private String credentials(String password) {
		return "{\"email\":\"" + this.email + "\",\"password\":\"" + password + "\"}";
	}

}
