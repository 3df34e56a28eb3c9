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
		byte[] body = FerryJson.mapper().writeValueAsBytes(new ApiError(code, message));
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		// A length, not chunks: a client still sending a refused body reads the whole
		// answer in the first packet, before the connection closes.
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
