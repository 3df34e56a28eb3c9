package dev.ferry.gateway.page;

import java.net.http.HttpResponse;

import dev.ferry.gateway.GatewayIntegrationTest;
import dev.ferry.gateway.Seed;
import dev.ferry.infra.test.FerryInfrastructure;
import dev.ferry.infra.test.client.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page is open to everyone (it shows the login form), comes with its own
 * scripts, and every answer carries the Content-Security-Policy that keeps injected
 * markup from running.
 */
class ChatPageIntegrationTests extends GatewayIntegrationTest {

	private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	@Test
	void pageAndItsModulesAreServedWithoutASession() {
		Browser browser = new Browser(this.port);

		HttpResponse<String> page = browser.get("/");
		HttpResponse<String> script = browser.get("/app/main.js");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<script type=\"module\" src=\"/app/main.js\"></script>");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(PAGE_POLICY);
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
	}

	@Test
	void apiAnswersCarryThePolicyToo() {
		HttpResponse<String> users = new Browser(this.port).get("/users");

		assertThat(users.statusCode()).isEqualTo(401);
		assertThat(users.headers().firstValue("Content-Security-Policy")).hasValue(PAGE_POLICY);
	}

	/** Swagger UI is for people who logged in, as the document it shows is. */
	@Test
	void swaggerUiMayUseInlineStylesOnly(FerryInfrastructure infrastructure) {
		HttpResponse<String> ui = loggedIn(new Seed(infrastructure.dataSource()).user("Reader"))
			.get("/swagger-ui/index.html");

		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.headers().firstValue("Content-Security-Policy"))
			.hasValue(PAGE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
	}

}
