package dev.ferry.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.ferry.infra.test.FerryInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayHealthIntegrationTests extends GatewayIntegrationTest {

	@Test
	void publishesAnOpenApiDocumentOfTheRestApi() throws Exception {
		HttpResponse<String> document = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/api-docs")).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(JsonMapper.shared().readTree(document.body()).path("paths").propertyNames()).contains("/users",
				"/conversations", "/messages", "/messages/create", "/messages/update/{id}", "/messages/delete/{id}",
				"/messages/status/{id}", "/auth/login", "/auth/me", "/auth/csrf");
	}

	@Test
	void reportsUpWithItsDatabase() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());

		JsonNode body = JsonMapper.shared().readTree(health.body());

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(body.path("status").asString()).isEqualTo("UP");
		assertThat(body.path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(body.path("components").path("db").path("details").path("database").asString())
			.isEqualTo("PostgreSQL");
	}

}
