package dev.ferry.gateway.auth;

import java.time.Clock;

import dev.ferry.contracts.error.ErrorCode;
import dev.ferry.gateway.system.ApiErrorWriter;
import dev.ferry.gateway.system.GatewaySettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Session-cookie authentication with CSRF protection on every write, login included, as
 * the client protocol describes: {@code XSRF-TOKEN} cookie echoed in {@code X-XSRF-TOKEN}
 * (Spring Security's {@code csrf.spa()}). Failures answer with the protocol's JSON
 * errors.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String CSP_HEADER = "Content-Security-Policy";

	/**
	 * The chat page loads only its own scripts and styles and talks only to its own
	 * origin, so injected markup can neither run nor send anything elsewhere.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	/**
	 * A file fetched from {@code /attachments} runs nothing and loads nothing, whatever
	 * it is, even opened on its own: an HTML file uploaded as a picture stays inert.
	 * Inline styles are allowed because the browser styles the page it shows an image in
	 * with them; they can neither run script nor, loading nothing, send anything.
	 */
	static final String ATTACHMENT_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'";

	/** Swagger UI sets inline styles; it shows no user content. */
	static final String SWAGGER_UI_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
			"style-src 'self' 'unsafe-inline'");

	@Bean
	SecurityFilterChain security(HttpSecurity http, SecurityContextRepository contexts, GatewaySettings settings,
			ScrapeSettings scrape, LiveSessions sessions, Clock clock) throws Exception {
		return http
			.addFilterBefore(new AbsoluteSessionLifetime(settings.session().absoluteTimeout(), clock),
					SecurityContextHolderFilter.class)
			.addFilterAfter(new SessionGenerationCheck(sessions), SecurityContextHolderFilter.class)
			.csrf((csrf) -> csrf.spa())
			.headers((headers) -> contentSecurityPolicy(headers))
			.securityContext((context) -> context.securityContextRepository(contexts))
			// A client is told 401 and logs in; it is never redirected back to a saved
			// request, and saving one gave every anonymous request a session row.
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(OpenPaths.PATTERNS.toArray(String[]::new))
				.permitAll()
				// Operators' figures, not for every chat user; Prometheus scrapes with a
				// token.
				.requestMatchers("/actuator/prometheus")
				.access(new ScrapeAccess(scrape))
				.requestMatchers("/actuator/**")
				.hasRole("SUPERADMIN")
				.requestMatchers("/admin/**")
				.hasAnyRole("SUPERADMIN", "ADMIN")
				.anyRequest()
				.authenticated())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, failure) -> ApiErrorWriter.write(response,
						HttpStatus.UNAUTHORIZED.value(), ErrorCode.UNAUTHENTICATED, "Log in first"))
				.accessDeniedHandler((request, response, denied) -> {
					if (denied instanceof CsrfException) {
						ApiErrorWriter.write(response, HttpStatus.FORBIDDEN.value(), ErrorCode.CSRF,
								"Send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header");
					}
					else {
						ApiErrorWriter.write(response, HttpStatus.FORBIDDEN.value(), ErrorCode.FORBIDDEN,
								"Not allowed");
					}
				}))
			.logout((logout) -> logout.logoutUrl(OpenPaths.LOGOUT)
				.logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.build();
	}

	private static void contentSecurityPolicy(HeadersConfigurer<HttpSecurity> headers) {
		RequestMatcher swaggerUi = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");
		RequestMatcher attachments = PathPatternRequestMatcher.withDefaults().matcher("/attachments/**");
		headers
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(swaggerUi,
					new StaticHeadersWriter(CSP_HEADER, SWAGGER_UI_POLICY)))
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(attachments,
					new StaticHeadersWriter(CSP_HEADER, ATTACHMENT_POLICY)))
			.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
					new NegatedRequestMatcher(new OrRequestMatcher(swaggerUi, attachments)),
					new StaticHeadersWriter(CSP_HEADER, CONTENT_SECURITY_POLICY)));
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new PasswordHashing();
	}

	@Bean
	AuthenticationManager authenticationManager(UserAccounts accounts, PasswordEncoder passwords) {
		return new ProviderManager(new PasswordCheck(accounts, passwords));
	}

}
