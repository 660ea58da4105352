package com.subscriptiondevices.platform.security;

import com.subscriptiondevices.api.error.ErrorCode;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a call when the token has the scope (one of them, when several would do) and, for paths
 * under an org, lists that org in its {@code orgs} claim. The scope is checked first: a token that may
 * not do this at all learns nothing about orgs.
 */
final class OrgScopeAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private final List<String> scopes;

    OrgScopeAuthorization(String... scopes) {
        this.scopes = List.of(scopes);
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        if (scopes.stream().noneMatch(scope -> Callers.hasScope(caller, scope))) {
            return new CodedDecision(
                    ErrorCode.MISSING_PERMISSIONS,
                    "This call needs the scope "
                            + scopes.stream().map(scope -> "'" + scope + "'").collect(Collectors.joining(" or "))
                            + ".");
        }
        String org = context.getVariables().get("org");
        if (org != null && !Callers.orgs(caller).contains(org)) {
            return new CodedDecision(
                    ErrorCode.FORBIDDEN_ORGANIZATION, "The token does not allow the organization '" + org + "'.");
        }
        return new AuthorizationDecision(true);
    }
}
