package dev.ferry.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

	/**
	 * Each call of the protocol page's tables answers in the document exactly the
	 * statuses the page gives it, and the document has no call the page does not name.
	 */
	@Test
	void documentsEveryCallOfTheProtocolPageWithEveryStatusThePageGivesIt(FerryInfrastructure infrastructure)
			throws IOException {
		JsonNode paths = document(infrastructure).path("paths");

		Map<String, SortedSet<Integer>> documented = new TreeMap<>();
		for (String path : paths.propertyNames()) {
			for (String method : paths.path(path).propertyNames()) {
				documented.put(method.toUpperCase(Locale.ROOT) + " " + path,
						paths.path(path)
							.path(method)
							.path("responses")
							.propertyNames()
							.stream()
							.map(Integer::valueOf)
							.collect(Collectors.toCollection(TreeSet::new)));
			}
		}
		assertThat(documented).containsExactlyInAnyOrderEntriesOf(ProtocolPageCalls.statuses());
	}

	/**
	 * A refusal is documented with the JSON error body and the codes it carries, and the
	 * headers a client acts on where they are sent.
	 */
	@Test
	void documentsEachRefusalWithItsErrorBodyAndCodesAndTheHeadersThatMatter(FerryInfrastructure infrastructure) {
		JsonNode paths = document(infrastructure).path("paths");
		JsonNode edit = paths.path("/messages/update/{id}").path("put").path("responses");
		JsonNode download = paths.path("/attachments/{id}").path("get").path("responses");

		for (String path : paths.propertyNames()) {
			for (JsonNode operation : paths.path(path).values()) {
				for (Map.Entry<String, JsonNode> answer : operation.path("responses").properties()) {
					// The health probe's 503 is its status while down, not a refusal.
					if (answer.getKey().matches("[45]\\d\\d") && !path.equals("/actuator/health")) {
						JsonNode body = answer.getValue().path("content").path("application/json").path("schema");
						assertThat(body.path("allOf").path(0).path("$ref").asString()).as(path + " " + answer.getKey())
							.isEqualTo("#/components/schemas/ApiError");
						assertThat(codes(answer.getValue())).as(path + " " + answer.getKey()).isNotEmpty();
					}
				}
			}
		}
		assertThat(codes(edit.path("403"))).containsExactlyInAnyOrder("csrf", "forbidden");
		assertThat(codes(edit.path("404"))).containsExactlyInAnyOrder("not_found");
		assertThat(codes(edit.path("409"))).containsExactlyInAnyOrder("message_deleted");
		assertThat(codes(edit.path("400"))).containsExactlyInAnyOrder("invalid_json", "invalid_field", "content_empty",
				"content_too_long");
		assertThat(codes(edit.path("429"))).containsExactlyInAnyOrder("rate_limited");
		assertThat(edit.path("429").path("headers").propertyNames()).containsExactly("Retry-After");
		assertThat(codes(paths.path("/attachments").path("post").path("responses").path("429")))
			.containsExactlyInAnyOrder("rate_limited", "upload_quota_exceeded");
		assertThat(download.path("200").path("headers").propertyNames()).contains("ETag");
		assertThat(download.path("304").path("headers").propertyNames()).containsExactly("ETag");
		assertThat(download.path("206").path("headers").propertyNames()).contains("Content-Range", "ETag");
		assertThat(download.path("416").path("headers").propertyNames()).containsExactly("Content-Range");
		assertThat(codes(download.path("416"))).containsExactlyInAnyOrder("range_not_satisfiable");
	}

	/**
	 * The gateway reads an upload's form itself, after its limits: the document still
	 * shows the form's part {@code file}, and the raw body a client may send instead.
	 */
	@Test
	void documentsTheUploadAsAFormWithItsFilePartOrAsTheRawFile(FerryInfrastructure infrastructure) {
		JsonNode upload = document(infrastructure).path("paths")
			.path("/attachments")
			.path("post")
			.path("requestBody")
			.path("content");

		JsonNode form = upload.path("multipart/form-data").path("schema");
		assertThat(upload.propertyNames()).containsExactlyInAnyOrder("multipart/form-data", "*/*");
		assertThat(form.path("required").values().stream().map(JsonNode::asString)).containsExactly("file");
		assertThat(form.path("properties").path("file").path("format").asString()).isEqualTo("binary");
		assertThat(upload.path("*/*").path("schema").path("format").asString()).isEqualTo("binary");
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

	private JsonNode document(FerryInfrastructure infrastructure) {
		return Browser.json(loggedIn(new Seed(infrastructure.dataSource()).user("Reader")).get("/v3/api-docs"));
	}

	/** The error codes a documented refusal carries. */
	private static List<String> codes(JsonNode refusal) {
		return refusal.path("content")
			.path("application/json")
			.path("schema")
			.path("properties")
			.path("error")
			.path("enum")
			.values()
			.stream()
			.map(JsonNode::asString)
			.toList();
	}

}
