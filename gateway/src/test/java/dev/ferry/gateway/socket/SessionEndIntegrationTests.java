package dev.ferry.gateway.socket;

import java.time.Duration;

import dev.ferry.contracts.id.UserId;
import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.client.Browser;
import dev.ferry.infra.test.client.SocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A socket lives no longer than the login it was opened with: logout, a session ended on
 * another node (its row gone from the shared table), and the absolute lifetime each close
 * it with 4401.
 */
class SessionEndIntegrationTests extends GatewayIntegrationTest {

	private Seed seed;

	private UserId alice;

	@BeforeEach
	void seed(FerryInfrastructure infrastructure) {
		this.seed = new Seed(infrastructure.dataSource());
		this.alice = this.seed.user("Alice");
	}

	@Test
	void logoutClosesEverySocketOfThatSessionWith4401AndLeavesOtherSessionsOpen() {
		Browser browser = loggedIn(this.alice);
		SocketClient first = browser.openSocket(null);
		SocketClient second = browser.openSocket(null);
		SocketClient otherBrowser = loggedIn(this.alice).openSocket(null);

		assertThat(browser.write("POST", "/auth/logout", "").statusCode()).isEqualTo(204);

		await().atMost(Duration.ofSeconds(3)).until(() -> !first.isOpen() && !second.isOpen());
		assertThat(first.closeCode()).isEqualTo(4401);
		assertThat(second.closeCode()).isEqualTo(4401);
		assertThat(otherBrowser.isOpen()).isTrue();
	}

	@Test
	void aSessionEndedElsewhereClosesItsSocketsHereWith4401() {
		SocketClient socket = loggedIn(this.alice).openSocket(null);

		// What a logout on another gateway node leaves behind: no session row.
		this.seed.dsl().execute("delete from spring_session where principal_name = ?", this.alice + ":0");

		await().atMost(Duration.ofSeconds(3)).until(() -> !socket.isOpen());
		assertThat(socket.closeCode()).isEqualTo(4401);
	}

	@Test
	void aSessionPastItsAbsoluteLifetimeEndsForRestAndSockets() {
		Browser browser = loggedIn(this.alice);
		SocketClient socket = browser.openSocket(null);

		this.seed.dsl()
			.execute("update spring_session set creation_time = creation_time - ? where principal_name = ?",
					Duration.ofDays(31).toMillis(), this.alice + ":0");

		await().atMost(Duration.ofSeconds(3)).until(() -> !socket.isOpen());
		assertThat(socket.closeCode()).isEqualTo(4401);
		assertThat(browser.get("/auth/me").statusCode()).isEqualTo(401);
	}

}
