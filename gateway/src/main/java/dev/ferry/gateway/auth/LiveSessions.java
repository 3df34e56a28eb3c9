package dev.ferry.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import dev.ferry.gateway.system.GatewaySettings;
import org.jooq.DSLContext;

import org.springframework.stereotype.Repository;

import static dev.ferry.schema.jooq.Tables.USERS;

/**
 * Which HTTP sessions are still valid, asked of the session table that every gateway
 * shares, and ending a user's sessions there: a logout, expiry or end on any node shows
 * here at once. A session is valid only while its account is enabled and in the session
 * generation the session belongs to ({@code spring_session.principal_name} is
 * {@code '<user id>:<generation>'}), so a change of the account ends every session opened
 * before it, even one a racing login saved after the change deleted the others.
 */
@Repository
public class LiveSessions {

	// spring_session is Spring Session's table, outside the generated schema.
	private static final String OF_USER = "delete from spring_session where principal_name >= ? and principal_name < ?";

	private final DSLContext dsl;

	private final Duration absoluteTimeout;

	private final Clock clock;

	LiveSessions(DSLContext dsl, GatewaySettings settings, Clock clock) {
		this.clock = clock;
		this.dsl = dsl;
		this.absoluteTimeout = settings.session().absoluteTimeout();
	}

	/**
	 * The sessions among {@code ids} that exist, are not expired, are younger than the
	 * absolute lifetime, and belong to the current generation of an enabled account.
	 */
	public Set<String> alive(Collection<String> ids) {
		long now = this.clock.millis();
		return this.dsl
			.resultQuery("select s.session_id from spring_session s"
					+ " join users u on s.principal_name = u.id || ':' || u.session_generation"
					+ " where s.session_id = any(?) and s.expiry_time > ? and s.creation_time > ? and not u.disabled",
					ids.toArray(String[]::new), now, now - this.absoluteTimeout.toMillis())
			.fetchSet(0, String.class);
	}

	/**
	 * Whether a login still stands: its account is enabled and still in the session
	 * generation the login belongs to.
	 */
	public boolean isCurrent(FerryUser user) {
		return this.dsl.fetchExists(USERS,
				USERS.ID.eq(user.id())
					.and(USERS.SESSION_GENERATION.eq(user.sessionGeneration()))
					.and(USERS.DISABLED.isFalse()));
	}

	/**
	 * Ends every session of the user: their next request is answered 401, and every node
	 * closes their sockets with 4401 at its next session check.
	 */
	public void endAll(UUID userId) {
		// The principal names of one user: from '<id>:' up to '<id>;', the next
		// character.
		this.dsl.execute(OF_USER, userId + ":", userId + ";");
	}

	/**
	 * Ends every session of the user but one, and moves that one to the account
	 * generation {@code next} belongs to.
	 */
	public void endAllBut(FerryUser next, String sessionId) {
		this.dsl.execute(OF_USER + " and session_id <> ?", next.id() + ":", next.id() + ";", sessionId);
		this.dsl.execute("update spring_session set principal_name = ? where session_id = ?", next.sessionOwner(),
				sessionId);
	}

}
