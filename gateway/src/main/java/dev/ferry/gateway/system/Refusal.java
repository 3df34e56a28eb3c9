package dev.ferry.gateway.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.ferry.contracts.error.ErrorCode;

import org.springframework.http.HttpStatus;

/**
 * A refusal a REST call answers, with an {@link ApiError} body carrying one of
 * {@link #codes()}: the OpenAPI document ({@code /v3/api-docs}) lists each. On a
 * controller, it holds for each of its calls. What every call may answer (a body over the
 * limit, no session, no CSRF token, a body that is not JSON) is documented once, not
 * here.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Repeatable(Refusals.class)
public @interface Refusal {

	/** The status it is answered with. */
	HttpStatus status();

	/** The error codes its body may carry. */
	ErrorCode[] codes();

	/**
	 * Headers it carries besides its body; {@code Retry-After}, which every 429 carries,
	 * goes without saying.
	 */
	String[] headers() default {};

}
