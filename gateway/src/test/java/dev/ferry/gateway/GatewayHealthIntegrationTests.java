package dev.ferry.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.contracts.id.UserId;
import dev.ferry.infra.test.client.Browser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayHealthIntegrationTests extends GatewayIntegrationTest {

	/**
	 * The document lists the administration API too: it is for people who logged in.
	 */
	@Test
	void publishesAnOpenApiDocumentOfTheRestApiToThoseWhoLoggedIn(FerryInfrastructure infrastructure) throws Exception {
		HttpResponse<String> anonymous = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/api-docs")).build(),
					HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> document = loggedIn(new Seed(infrastructure.dataSource()).user("Reader"))
			.get("/v3/api-docs");

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(Browser.json(anonymous).path("error").asString()).isEqualTo("unauthenticated");
		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(JsonMapper.shared().readTree(document.body()).path("paths").propertyNames()).contains("/users",
				"/conversations", "/messages", "/messages/create", "/messages/update/{id}", "/messages/delete/{id}",
				"/messages/status/{id}", "/auth/login", "/auth/me", "/auth/csrf");
	}

	@Test
	void anyoneSeesOnlyTheStatusAndAnOperatorSeesTheDatabase(FerryInfrastructure infrastructure) {
		Seed seed = new Seed(infrastructure.dataSource());
		UserId operator = seed.user("Operator");
		UserId chatUser = seed.user("Chat user");
		seed.dsl().execute("update users set role = 'SUPERADMIN' where id = ?", operator.value());

		HttpResponse<String> anonymous = new Browser(this.port).get("/actuator/health");
		HttpResponse<String> ofAChatUser = loggedIn(chatUser).get("/actuator/health");
		JsonNode ofAnOperator = Browser.json(loggedIn(operator).get("/actuator/health"));

		assertThat(anonymous.statusCode()).isEqualTo(200);
		// The probe groups' names are all besides the status: no component, no detail.
		assertThat(anonymous.body()).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
		assertThat(ofAChatUser.body()).isEqualTo(anonymous.body());
		assertThat(ofAnOperator.path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(ofAnOperator.path("components").path("db").path("details").path("database").asString())
			.isEqualTo("PostgreSQL");
	}

}
