package dev.ferry.gateway.system;

import dev.ferry.contracts.error.ErrorCode;

import java.io.IOException;

import dev.ferry.contracts.json.FerryJson;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

/**
 * Writes an {@link ApiError} where no controller is involved (security filters).
 */
public final class ApiErrorWriter {

	private ApiErrorWriter() {
	}

	public static void write(HttpServletResponse response, int status, ErrorCode code, String message)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write(FerryJson.mapper().writeValueAsString(new ApiError(code, message)));
	}

}
