package com.subscriptiondevices.platform.security;

import com.subscriptiondevices.api.identifier.Identifiers;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.StringUtils;

/** What the current caller's token says: orgs, scopes, and who the user is. */
public final class Callers {

    private Callers() {}

    public static Optional<Authentication> current() {
        return Optional.ofNullable(SecurityContextHolder.getContext().getAuthentication());
    }

    public static boolean hasScope(Authentication authentication, String scope) {
        return authentication != null
                && authentication.getAuthorities().stream().anyMatch(a -> ("SCOPE_" + scope).equals(a.getAuthority()));
    }

    public static boolean currentHasScope(String scope) {
        return current().map(a -> hasScope(a, scope)).orElse(false);
    }

    public static List<String> orgs(Authentication authentication) {
        return jwt(authentication)
                .map(jwt -> {
                    Object orgs = jwt.getClaims().get("orgs");
                    if (orgs instanceof Collection<?> values) {
                        return values.stream().map(String::valueOf).toList();
                    }
                    return orgs instanceof String single ? List.of(single) : List.<String>of();
                })
                .orElse(List.of());
    }

    /**
     * The phone number of the line the token was issued to (its {@code phone_number} claim), in E.164:
     * OpenID Connect allows it written with spaces, hyphens, dots or parentheses, which are left out.
     * Empty when the token has none, or one that is not a phone number even so: it identifies no line.
     */
    public static Optional<String> phoneNumber() {
        return current()
                .flatMap(Callers::jwt)
                .map(jwt -> jwt.getClaims().get("phone_number"))
                .filter(String.class::isInstance)
                .map(claim -> ((String) claim).replaceAll("[ ()\\-.]", ""))
                .filter(Identifiers::isValidMsisdn);
    }

    /** The real user behind the token ({@code preferred_username}), when there is one. */
    public static Optional<String> realUserName() {
        return current()
                .flatMap(Callers::jwt)
                .map(jwt -> jwt.getClaimAsString("preferred_username"))
                .filter(StringUtils::hasText);
    }

    /** Who to record as the author of a change: the real user, otherwise the token's subject. */
    public static Optional<String> userName() {
        return realUserName()
                .or(() -> current().flatMap(Callers::jwt).map(Jwt::getSubject).filter(StringUtils::hasText));
    }

    private static Optional<Jwt> jwt(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof Jwt jwt
                ? Optional.of(jwt)
                : Optional.empty();
    }
}
