package dev.ferry.gateway.account;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.ferry.contracts.envelope.Envelope;
import dev.ferry.contracts.id.UserId;
import dev.ferry.contracts.json.EnvelopeDeserializer;
import dev.ferry.contracts.topic.Topics;
import dev.ferry.contracts.user.UserChanged;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.TopicTail;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.infra.test.client.SocketClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ferry.infra.test.client.Browser.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Administration section of the protocol as a client meets it: every call, every
 * error, what {@code chat.users.v1} carries, and what disabling a user does to their
 * sockets and logins.
 */
class AdministrationIntegrationTests extends GatewayIntegrationTest {

	private static final String PASSWORD = "correct horse battery";

	private Seed seed;

	private Browser admin;

	private Browser superadmin;

	private TopicTail<Envelope<UserChanged>> users;

	private TopicTail<String> rawUsers;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		this.seed = new Seed(infrastructure.dataSource());
		this.admin = loggedIn(this.seed.user("Ada Admin", "ADMIN"));
		this.superadmin = loggedIn(this.seed.user("Sam Super", "SUPERADMIN"));
		this.users = TopicTail.of(infrastructure, Topics.USERS.name(), new EnvelopeDeserializer<>(UserChanged.class));
		this.rawUsers = TopicTail.of(infrastructure, Topics.USERS.name(), new StringDeserializer());
	}

	@AfterEach
	void close() {
		this.users.close();
		this.rawUsers.close();
	}

	@Test
	void anAdminCreatesAUserWhoCanLogInAndTheChangeIsPublishedWithoutSecrets() {
		String email = unique("Grace.Hopper");

		HttpResponse<String> response = this.admin.write("POST", "/admin/users", newUser(email, "Grace", "OWNER"));

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode user = json(response).path("user");
		String id = user.path("id").asString();
		assertThat(user.path("email").asString()).isEqualTo(email.toLowerCase());
		assertThat(user.path("name").asString()).isEqualTo("Grace");
		assertThat(user.path("role").asString()).isEqualTo("OWNER");
		assertThat(user.path("disabled").asBoolean()).isFalse();
		assertThat(user.path("createdAt").isString()).isTrue();
		assertThat(user.has("lastSeenAt")).isTrue();
		assertThat(user.path("lastSeenAt").isNull()).isTrue();
		assertThat(user.has("password")).isFalse();
		assertThat(user.has("passwordHash")).isFalse();
		assertThat(new Browser(this.port).login(email, PASSWORD).statusCode()).isEqualTo(200);

		UserChanged changed = published(id, 1).get(0);
		assertThat(changed.userId()).isEqualTo(UserId.fromString(id));
		assertThat(changed.email()).isEqualTo(email.toLowerCase());
		assertThat(changed.name()).isEqualTo("Grace");
		assertThat(changed.role()).isEqualTo("OWNER");
		assertThat(changed.disabled()).isFalse();
		String raw = this.rawUsers.awaitRecords((record) -> record.key().equals(id), 1).get(0).value();
		assertThat(raw).doesNotContain("password").doesNotContain("$2a$").doesNotContain(PASSWORD);
	}

	@Test
	void anEmailInUseIsTakenWhateverItsCase() {
		String email = unique("dup");
		assertThat(this.admin.write("POST", "/admin/users", newUser(email, "One", "OWNER")).statusCode())
			.isEqualTo(201);

		HttpResponse<String> response = this.admin.write("POST", "/admin/users",
				newUser(email.toUpperCase(), "Two", "OWNER"));

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(json(response).path("error").asString()).isEqualTo("email_taken");
	}

	@Test
	void eachInvalidFieldIsNamed() {
		assertInvalid(newUser("not-an-email", "Name", "OWNER"), "email");
		assertInvalid(newUser(unique("a"), "   ", "OWNER"), "name");
		assertInvalid(newUser(unique("a"), "x".repeat(201), "OWNER"), "name");
		assertInvalid(newUser(unique("a"), "Name", "KING"), "role");
		assertInvalid("{\"email\":\"" + unique("a") + "\",\"name\":\"N\",\"role\":\"OWNER\",\"password\":\"short\"}",
				"password");
		assertInvalid("{\"email\":\"" + unique("a") + "\",\"name\":\"N\",\"role\":\"OWNER\",\"password\":\""
				+ "p".repeat(129) + "\"}", "password");
	}

	@Test
	void aPasswordOf128CharactersIsAccepted() {
		String email = unique("long");
		String password = "p".repeat(128);

		HttpResponse<String> created = this.admin.write("POST", "/admin/users",
				"{\"email\":\"" + email + "\",\"name\":\"Long\",\"role\":\"OWNER\",\"password\":\"" + password + "\"}");

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(new Browser(this.port).login(email, password).statusCode()).isEqualTo(200);
		assertThat(new Browser(this.port).login(email, "p".repeat(127) + "q").statusCode()).isEqualTo(401);
	}

	@Test
	void anOwnerIsForbiddenEveryAdministrationCall() {
		Browser owner = loggedIn(this.seed.user("Olive Owner"));
		UserId other = this.seed.user("Other");

		for (HttpResponse<String> response : List.of(owner.get("/admin/users"),
				owner.write("POST", "/admin/users", newUser(unique("o"), "O", "OWNER")),
				owner.write("PATCH", "/admin/users/" + other, "{\"name\":\"X\"}"))) {
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(json(response).path("error").asString()).isEqualTo("forbidden");
		}
	}

	@Test
	void anAdminCannotCreateChangeOrDisableASuperadminButASuperadminCan() {
		UserId boss = this.seed.user("Boss", "SUPERADMIN");
		UserId owner = this.seed.user("Owner");

		assertForbidden(this.admin.write("POST", "/admin/users", newUser(unique("s"), "S", "SUPERADMIN")));
		assertForbidden(this.admin.write("PATCH", "/admin/users/" + boss, "{\"name\":\"Renamed\"}"));
		assertForbidden(this.admin.write("PATCH", "/admin/users/" + boss, "{\"disabled\":true}"));
		assertForbidden(this.admin.write("PATCH", "/admin/users/" + owner, "{\"role\":\"SUPERADMIN\"}"));

		HttpResponse<String> renamed = this.superadmin.write("PATCH", "/admin/users/" + boss, "{\"name\":\"Renamed\"}");
		assertThat(renamed.statusCode()).isEqualTo(200);
		assertThat(json(renamed).path("user").path("name").asString()).isEqualTo("Renamed");
		assertThat(this.superadmin.write("POST", "/admin/users", newUser(unique("s"), "S", "SUPERADMIN")).statusCode())
			.isEqualTo(201);
	}

	@Test
	void anUnknownUserIsNotFound() {
		for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
			HttpResponse<String> response = this.admin.write("PATCH", "/admin/users/" + id, "{\"name\":\"X\"}");

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(json(response).path("error").asString()).isEqualTo("not_found");
		}
	}

	@Test
	void aWriteWithoutTheCsrfHeaderIsRefused() {
		HttpResponse<String> response = this.admin.writeWithoutCsrf("POST", "/admin/users",
				newUser(unique("c"), "C", "OWNER"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response).path("error").asString()).isEqualTo("csrf");
	}

	@Test
	void disablingClosesTheUsersSocketsWith4401AndTheirLoginFailsLikeAWrongPassword() {
		UserId bob = this.seed.user("Bob");
		Browser bobsBrowser = loggedIn(bob);
		SocketClient first = bobsBrowser.openSocket(null);
		SocketClient second = loggedIn(bob).openSocket(null);

		HttpResponse<String> disabled = this.admin.write("PATCH", "/admin/users/" + bob, "{\"disabled\":true}");

		assertThat(disabled.statusCode()).isEqualTo(200);
		assertThat(json(disabled).path("user").path("disabled").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(2)).until(() -> !first.isOpen() && !second.isOpen());
		assertThat(first.closeCode()).isEqualTo(4401);
		assertThat(second.closeCode()).isEqualTo(4401);
		assertThat(bobsBrowser.get("/auth/me").statusCode()).isEqualTo(401);
		HttpResponse<String> login = new Browser(this.port).login(Seed.emailOf(bob), "test123");
		assertThat(login.statusCode()).isEqualTo(401);
		assertThat(json(login).path("error").asString()).isEqualTo("invalid_credentials");
		assertThat(json(login).path("message").asString()).isEqualTo("Wrong email or password");
		assertThat(published(bob.toString(), 1).get(0).disabled()).isTrue();

		assertThat(this.admin.write("PATCH", "/admin/users/" + bob, "{\"disabled\":false}").statusCode())
			.isEqualTo(200);
		assertThat(new Browser(this.port).login(Seed.emailOf(bob), "test123").statusCode()).isEqualTo(200);
	}

	@Test
	void aResetPasswordReplacesTheOldOne() {
		UserId bob = this.seed.user("Bob");

		assertThat(this.superadmin
			.write("PATCH", "/admin/users/" + bob, "{\"password\":\"" + PASSWORD + "\",\"role\":\"ADMIN\"}")
			.statusCode()).isEqualTo(200);

		assertThat(new Browser(this.port).login(Seed.emailOf(bob), "test123").statusCode()).isEqualTo(401);
		HttpResponse<String> login = new Browser(this.port).login(Seed.emailOf(bob), PASSWORD);
		assertThat(json(login).path("user").path("role").asString()).isEqualTo("ADMIN");
	}

	/**
	 * A password set through administration skips the current password's check and the
	 * login throttle: only a SUPERADMIN sets one, and never their own.
	 */
	@Test
	void onlyASuperadminResetsPasswordsAndNobodyTheirOwnThroughAdministration() {
		UserId owner = this.seed.user("Olga Owner");
		UserId otherAdmin = this.seed.user("Otto Admin", "ADMIN");
		UserId self = this.seed.user("Ada Self", "ADMIN");
		UserId boss = this.seed.user("Bea Boss", "SUPERADMIN");
		String reset = "{\"password\":\"" + PASSWORD + "\"}";

		assertForbidden(this.admin.write("PATCH", "/admin/users/" + owner, reset));
		assertForbidden(this.admin.write("PATCH", "/admin/users/" + otherAdmin, reset));
		assertForbidden(loggedIn(self).write("PATCH", "/admin/users/" + self, reset));
		assertForbidden(loggedIn(boss).write("PATCH", "/admin/users/" + boss, reset));
		assertThat(new Browser(this.port).login(Seed.emailOf(owner), PASSWORD).statusCode()).isEqualTo(401);
		assertThat(new Browser(this.port).login(Seed.emailOf(otherAdmin), PASSWORD).statusCode()).isEqualTo(401);

		assertThat(this.superadmin.write("PATCH", "/admin/users/" + owner, reset).statusCode()).isEqualTo(200);
		assertThat(new Browser(this.port).login(Seed.emailOf(owner), PASSWORD).statusCode()).isEqualTo(200);
	}

	/**
	 * A login that read Bob's account just before an admin demoted him saves its session
	 * after the demotion ended his sessions: that session, put back as the login saved
	 * it, must not act with the old role, nor keep a socket open.
	 */
	@Test
	void aSessionSavedByALoginThatRacedADemotionIsRefused() {
		UserId bob = this.seed.user("Bob", "ADMIN");
		Browser bobsBrowser = loggedIn(bob);
		SocketClient socket = bobsBrowser.openSocket(null);
		DSLContext dsl = this.seed.dsl();
		String copy = "raced_" + UUID.randomUUID().toString().replace("-", "");
		dsl.execute("create table " + copy + "_s as select * from spring_session where principal_name in (?, ?)",
				Seed.emailOf(bob), bob + ":0");
		dsl.execute("create table " + copy + "_a as select * from spring_session_attributes"
				+ " where session_primary_id in (select primary_id from " + copy + "_s)");

		assertThat(this.admin.write("PATCH", "/admin/users/" + bob, "{\"role\":\"OWNER\"}").statusCode())
			.isEqualTo(200);
		dsl.execute("insert into spring_session select * from " + copy + "_s");
		dsl.execute("insert into spring_session_attributes select * from " + copy + "_a");
		dsl.execute("drop table " + copy + "_s, " + copy + "_a");

		assertThat(bobsBrowser.get("/auth/me").statusCode()).isEqualTo(401);
		assertThat(bobsBrowser.get("/admin/users").statusCode()).isEqualTo(401);
		await().atMost(Duration.ofSeconds(2)).until(() -> !socket.isOpen());
		assertThat(socket.closeCode()).isEqualTo(4401);
		HttpResponse<String> again = new Browser(this.port).login(Seed.emailOf(bob), "test123");
		assertThat(json(again).path("user").path("role").asString()).isEqualTo("OWNER");
	}

	@Test
	void anAdminCannotDisableThemself() {
		UserId self = this.seed.user("Self", "ADMIN");

		assertForbidden(loggedIn(self).write("PATCH", "/admin/users/" + self, "{\"disabled\":true}"));
	}

	@Test
	void theListIsByEmailWithSearchAndACursor() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		for (String name : List.of("c", "a", "b")) {
			this.admin.write("POST", "/admin/users",
					newUser(name + "-" + tag + "@example.com", "Person " + name, "OWNER"));
		}

		JsonNode first = json(this.admin.get("/admin/users?q=" + tag.toUpperCase() + "&limit=2"));
		assertThat(first.path("users").valueStream().map((user) -> user.path("email").asString()))
			.containsExactly("a-" + tag + "@example.com", "b-" + tag + "@example.com");
		JsonNode second = json(
				this.admin.get("/admin/users?q=" + tag + "&limit=2&after=" + first.path("next").asString()));
		assertThat(second.path("users").valueStream().map((user) -> user.path("email").asString()))
			.containsExactly("c-" + tag + "@example.com");
		assertThat(second.path("next").isNull()).isTrue();
	}

	@Test
	void aUserChangesTheirPasswordAndTheirOtherSessionsEnd() {
		UserId bob = this.seed.user("Bob");
		Browser here = loggedIn(bob);
		Browser elsewhere = loggedIn(bob);

		HttpResponse<String> wrong = here.write("PUT", "/auth/password",
				"{\"current\":\"nope\",\"new\":\"" + PASSWORD + "\"}");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(json(wrong).path("error").asString()).isEqualTo("invalid_credentials");
		HttpResponse<String> tooShort = here.write("PUT", "/auth/password",
				"{\"current\":\"test123\",\"new\":\"short\"}");
		assertThat(tooShort.statusCode()).isEqualTo(400);
		assertThat(json(tooShort).path("error").asString()).isEqualTo("invalid_field");
		assertThat(json(tooShort).path("message").asString()).contains("new");

		HttpResponse<String> changed = here.write("PUT", "/auth/password",
				"{\"current\":\"test123\",\"new\":\"" + PASSWORD + "\"}");

		assertThat(changed.statusCode()).isEqualTo(204);
		assertThat(here.get("/auth/me").statusCode()).isEqualTo(200);
		assertThat(elsewhere.get("/auth/me").statusCode()).isEqualTo(401);
		assertThat(new Browser(this.port).login(Seed.emailOf(bob), PASSWORD).statusCode()).isEqualTo(200);
		assertThat(published(bob.toString(), 1)).hasSize(1);
	}

	private void assertInvalid(String body, String field) {
		HttpResponse<String> response = this.admin.write("POST", "/admin/users", body);
		assertThat(response.statusCode()).as(body).isEqualTo(400);
		assertThat(json(response).path("error").asString()).isEqualTo("invalid_field");
		assertThat(json(response).path("message").asString()).startsWith(field + " ");
	}

	private static void assertForbidden(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response).path("error").asString()).isEqualTo("forbidden");
	}

	private List<UserChanged> published(String userId, int count) {
		return this.users.awaitRecords((record) -> record.key().equals(userId), count)
			.stream()
			.map(ConsumerRecord::value)
			.map(Envelope::payload)
			.toList();
	}

	private static String unique(String local) {
		return local + "-" + UUID.randomUUID() + "@example.com";
	}

	private static String newUser(String email, String name, String role) {
		return "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"password\":\""
				+ PASSWORD + "\"}";
	}

}
