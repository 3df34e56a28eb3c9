package dev.ferry.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;

import dev.ferry.gateway.system.GatewaySettings;
import org.jooq.DSLContext;

import org.springframework.stereotype.Repository;

/**
 * Which HTTP sessions are still valid, asked of the session table that every gateway
 * shares, and ending a user's sessions there: a logout, expiry or end on any node shows
 * here at once.
 */
@Repository
public class LiveSessions {

	// spring_session's principal name is the login, the user's email.
	private static final String END = "delete from spring_session where principal_name = ?";

	private final DSLContext dsl;

	private final Duration absoluteTimeout;

	private final Clock clock;

	LiveSessions(DSLContext dsl, GatewaySettings settings, Clock clock) {
		this.clock = clock;
		this.dsl = dsl;
		this.absoluteTimeout = settings.session().absoluteTimeout();
	}

	/**
	 * The sessions among {@code ids} that exist, are not expired and are younger than the
	 * absolute lifetime.
	 */
	public Set<String> alive(Collection<String> ids) {
		long now = this.clock.millis();
		// spring_session is Spring Session's table, outside the generated schema.
		return this.dsl
			.resultQuery(
					"select session_id from spring_session where session_id = any(?) and expiry_time > ?"
							+ " and creation_time > ?",
					ids.toArray(String[]::new), now, now - this.absoluteTimeout.toMillis())
			.fetchSet(0, String.class);
	}

	/**
	 * Ends every session of the user: their next request is answered 401, and every node
	 * closes their sockets with 4401 at its next session check.
	 */
	public void endAll(String email) {
		this.dsl.execute(END, email);
	}

	/** Ends every session of the user but one. */
	public void endAllBut(String email, String sessionId) {
		this.dsl.execute(END + " and session_id <> ?", email, sessionId);
	}

}
