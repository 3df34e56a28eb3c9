package dev.ferry.gateway.system;

import dev.ferry.contracts.error.ErrorCode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps request failures to the protocol's error bodies.
 */
@RestControllerAdvice
class ApiExceptionHandler {

	@ExceptionHandler(HttpMessageNotReadableException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ApiError notJson(HttpMessageNotReadableException ex) {
		return new ApiError(ErrorCode.INVALID_JSON, "The body is not the JSON this call takes");
	}

	@ExceptionHandler(ChatException.class)
	ResponseEntity<ApiError> refused(ChatException ex) {
		return ResponseEntity.status(ex.status()).body(new ApiError(ex.code(), ex.getMessage()));
	}

	@ExceptionHandler(RateLimitedException.class)
	ResponseEntity<ApiError> rateLimited(RateLimitedException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(new ApiError(ex.code(), ex.getMessage()));
	}

	@ExceptionHandler(InvalidFieldException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ApiError invalidField(InvalidFieldException ex) {
		return new ApiError(ErrorCode.INVALID_FIELD, ex.getMessage());
	}

}
