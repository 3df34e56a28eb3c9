package dev.ferry.gateway.apidocs;

import java.util.List;
import java.util.stream.Stream;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.gateway.auth.OpenPaths;
import dev.ferry.gateway.system.ApiError;
import dev.ferry.gateway.system.BodySizeLimit;
import dev.ferry.gateway.system.Refusal;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The OpenAPI document ({@code /v3/api-docs}): every REST call with every status it
 * answers. A call's own refusals are the {@link Refusal}s on it and on its controller;
 * what every call may answer is added here once, by the rules the gateway applies
 * (docs/protocol.md states them above its first table): 413 for a body over the limit
 * ({@link BodySizeLimit}; an upload has its own), 401 without a session
 * ({@link OpenPaths}), 403 {@code csrf} for a write, 400 {@code invalid_json} for a JSON
 * body that does not parse.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

	private static final String HEALTH = "/actuator/health";

	/** A call's own refusals, and those of every call of its controller. */
	@Bean
	OperationCustomizer refusals() {
		return (operation, handler) -> {
			Stream.concat(
					AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getBeanType(), Refusal.class)
						.stream(),
					AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(), Refusal.class).stream())
				.forEach((refusal) -> Answers.refusal(operation, refusal.status(), List.of(refusal.codes()),
						refusal.headers()));
			return operation;
		};
	}

	/**
	 * The calls no controller serves (logout, the health probe), then what every call may
	 * answer. Adding what is there already changes nothing, so the document is the same
	 * however often it is built.
	 */
	@Bean
	OpenApiCustomizer everyCall() {
		return (document) -> {
			ModelConverters.getInstance(true).read(ApiError.class).forEach(document.getComponents()::addSchemas);
			document.path(OpenPaths.LOGOUT, new PathItem().post(logout()));
			document.path(HEALTH, new PathItem().get(health()));
			document.getPaths()
				.forEach((path, item) -> item.readOperationsMap()
					.forEach((method, operation) -> everyCallOf(path, method, operation)));
		};
	}

	private static void everyCallOf(String path, HttpMethod method, Operation operation) {
		if (!BodySizeLimit.isUpload(method.name(), path)) {
			Answers.refusal(operation, HttpStatus.CONTENT_TOO_LARGE, List.of(ErrorCode.FRAME_TOO_LARGE));
		}
		if (!OpenPaths.isOpen(path)) {
			Answers.refusal(operation, HttpStatus.UNAUTHORIZED, List.of(ErrorCode.UNAUTHENTICATED));
		}
		// Spring Security's CSRF check spares only GET, HEAD, TRACE and OPTIONS.
		if (method != HttpMethod.GET) {
			Answers.refusal(operation, HttpStatus.FORBIDDEN, List.of(ErrorCode.CSRF));
		}
		if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
				&& operation.getRequestBody().getContent().containsKey(MediaType.APPLICATION_JSON_VALUE)) {
			Answers.refusal(operation, HttpStatus.BAD_REQUEST, List.of(ErrorCode.INVALID_JSON));
		}
		operation.setResponses(Answers.byStatus(operation.getResponses()));
	}

	private static Operation logout() {
		return new Operation().summary("Ends the session, if there is one")
			.addTagsItem("auth")
			.responses(new ApiResponses().addApiResponse("204",
					Answers.answer("Logged out: every socket of the session closes with 4401", null)));
	}

	/** Anyone sees the status; operators see each component. */
	private static Operation health() {
		Schema<?> status = Answers.type("object")
			.addProperty("status", Answers.type("string"))
			.addProperty("groups", Answers.type("array").items(Answers.type("string")));
		return new Operation().summary("Whether the gateway is up")
			.addTagsItem("actuator")
			.responses(new ApiResponses().addApiResponse("200", Answers.answer("Up: {\"status\":\"UP\", …}", status))
				.addApiResponse("503", Answers.answer("Down or out of service: {\"status\":\"DOWN\", …}", status)));
	}

}
