package com.subscriptiondevices.platform.security;

import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.web.ApiText;
import com.subscriptiondevices.platform.web.BenchmarkProperties;
import com.subscriptiondevices.platform.web.ErrorBodies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Every {@code /v1}, {@code /v2}, {@code /sim-swap} and {@code /admin} call needs a Bearer JWT. Reads
 * need {@code devices:read}, writes {@code devices:write}, history {@code devices:audit}, admin
 * {@code devices:admin}, the hub {@code devices:events}, the SIM swap checks {@code sim-swap:check} or
 * {@code sim-swap:retrieve-date} (or {@code sim-swap} for both); paths under {@code /orgs/{org}} also
 * need that org in the token (the SIM swap checks apply the token's orgs to the number they are asked
 * about). Refusals
 * answer in the error body of the path's API family. The benchmark's constant document
 * ({@code /bench/constant}) is open only while {@code devices.bench.constant-endpoint=true}; otherwise
 * the path is like any unknown one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties({TokenProperties.class, BenchmarkProperties.class})
class SecurityConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SecurityModes modes, TokenProperties tokens) {
        TokenProperties.VerifiedTokens verified = tokens.verifiedTokens();
        return new VerifiedTokenCache(modes.decoder(), verified.maxEntries(), verified.keepFor(), Clock.systemUTC());
    }

    /**
     * Spring Security's default firewall, with the header-value check done without a regular expression
     * ({@link HeaderValues}: the same verdicts, a seventh of a read's CPU less).
     */
    @Bean
    StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(new HeaderValues());
        return firewall;
    }

    /**
     * No observation per security filter, authentication and authorization: wrapping every filter cost
     * 8 % of a write's and 6 % of a read's CPU (JFR). Requests are still timed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ErrorBodies errors, BenchmarkProperties benchmark)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            String message = request.getHeader("Authorization") == null
                    ? "A Bearer token is required."
                    : "The Bearer token is not valid: "
                            + ApiText.plain(failure.getMessage(), "it is malformed or its signature does not verify.");
            errors.write(request, response, ErrorCode.UNAUTHORIZED, List.of(message));
        };
        AccessDeniedHandler forbidden = (request, response, denied) -> {
            if (denied instanceof AuthorizationDeniedException refusal
                    && refusal.getAuthorizationResult() instanceof CodedDecision decision) {
                errors.write(request, response, decision.code(), List.of(decision.message()));
            } else {
                errors.write(request, response, ErrorCode.MISSING_PERMISSIONS, List.of("This call is not allowed."));
            }
        };
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                // No request wrapper for the servlet API's security methods (getUserPrincipal, isUserInRole):
                // callers are read from the security context (Callers), and every wrapper layer makes the
                // handler lookup's many getMethod and getAttribute calls a call deeper.
                .servletApi(servletApi -> servletApi.disable())
                .authorizeHttpRequests(requests -> requests.requestMatchers(openPaths(benchmark.constantEndpoint()))
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .access(new OrgScopeAuthorization(Scopes.ADMIN))
                        .requestMatchers("/admin/**")
                        .access(new OrgScopeAuthorization(Scopes.ADMIN))
                        // the hub, every method of it: listeners see events, and change what is sent where
                        .requestMatchers("/v2/orgs/{org}/hub", "/v2/orgs/{org}/hub/**")
                        .access(new OrgScopeAuthorization(Scopes.EVENTS))
                        .requestMatchers(HttpMethod.POST, "/sim-swap/v2/retrieve-date")
                        .access(new OrgScopeAuthorization(Scopes.SIM_SWAP_RETRIEVE_DATE, Scopes.SIM_SWAP))
                        .requestMatchers(HttpMethod.POST, "/sim-swap/v2/check")
                        .access(new OrgScopeAuthorization(Scopes.SIM_SWAP_CHECK, Scopes.SIM_SWAP))
                        .requestMatchers(HttpMethod.GET, "/v2/orgs/{org}/subscriptions/{subscriptionId}/history")
                        .access(new OrgScopeAuthorization(Scopes.AUDIT))
                        .requestMatchers(HttpMethod.GET, "/v1/orgs/{org}/**", "/v2/orgs/{org}/**")
                        .access(new OrgScopeAuthorization(Scopes.READ))
                        .requestMatchers("/v1/orgs/{org}/**", "/v2/orgs/{org}/**")
                        .access(new OrgScopeAuthorization(Scopes.WRITE))
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new BearerTokens())
                        .jwt(jwt -> {})
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    private static String[] openPaths(boolean benchmarkConstant) {
        List<String> open = new ArrayList<>(List.of("/actuator/health", "/actuator/health/**", "/error", "/docs/**"));
        if (benchmarkConstant) {
            open.add("/bench/constant");
        }
        return open.toArray(String[]::new);
    }
}
