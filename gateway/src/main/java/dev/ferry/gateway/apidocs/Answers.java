package dev.ferry.gateway.apidocs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.gateway.system.ApiError;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The answers of an operation in the document: a refusal is its status with the
 * {@link ApiError} body, whose {@code error} is one of the codes given for that status
 * (those of several rules merge), and the headers it carries.
 */
final class Answers {

	private static final String API_ERROR = ApiError.class.getSimpleName();

	private Answers() {
	}

	/** Adds a refusal, or what it adds to one already there. */
	static void refusal(Operation operation, HttpStatus status, Collection<ErrorCode> codes, String... headers) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		ApiResponse answer = operation.getResponses()
			.computeIfAbsent(Integer.toString(status.value()), (key) -> errorAnswer());
		Schema<Object> error = errorCode(answer);
		List<Object> known = (error.getEnum() != null) ? new ArrayList<>(error.getEnum()) : new ArrayList<>();
		codes.stream().map(ErrorCode::code).filter((code) -> !known.contains(code)).forEach(known::add);
		error.setEnum(known);
		answer.setDescription(status.getReasonPhrase() + ": "
				+ known.stream().map((code) -> "`" + code + "`").collect(Collectors.joining(", ")));
		for (String header : headers) {
			answer.addHeaderObject(header, new Header().schema(type("string")));
		}
		if (status == HttpStatus.TOO_MANY_REQUESTS) {
			answer.addHeaderObject(HttpHeaders.RETRY_AFTER,
					new Header().description("Whole seconds until a retry may pass").schema(type("integer")));
		}
	}

	/** An answer that is no refusal, with its JSON body if it has one. */
	static ApiResponse answer(String description, Schema<?> body) {
		ApiResponse answer = new ApiResponse().description(description);
		return (body != null) ? answer.content(json(body)) : answer;
	}

	/** The answers in the order of their statuses. */
	static ApiResponses byStatus(ApiResponses answers) {
		ApiResponses sorted = new ApiResponses();
		new TreeMap<>(answers).forEach(sorted::addApiResponse);
		sorted.setExtensions(answers.getExtensions());
		return sorted;
	}

	static JsonSchema type(String type) {
		JsonSchema schema = new JsonSchema();
		schema.types(Set.of(type));
		return schema;
	}

	private static ApiResponse errorAnswer() {
		JsonSchema body = new JsonSchema();
		body.allOf(List.of(new JsonSchema().$ref(API_ERROR)));
		body.addProperty("error", type("string"));
		return new ApiResponse().content(json(body));
	}

	@SuppressWarnings("unchecked")
	private static Schema<Object> errorCode(ApiResponse answer) {
		return (Schema<Object>) answer.getContent()
			.get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
			.getSchema()
			.getProperties()
			.get("error");
	}

	private static Content json(Schema<?> body) {
		return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
				new MediaType().schema(body));
	}

}
