package com.subscriptiondevices.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's {@link DefaultBearerTokenResolver} (header only, its defaults), with the common case
 * decided without its case-insensitive regular expression: an {@code Authorization} header of
 * {@code Bearer } and a token of the RFC 6750 alphabet. That match cost up to a sixth of a read's CPU
 * (JFR). Anything else (no header, another scheme, a malformed token) goes to the default resolver, so
 * refusals and their messages stay Spring's own; BearerTokensTest checks both agree.
 */
final class BearerTokens implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    private final BearerTokenResolver standard = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null
                && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && isToken(authorization, SCHEME.length())) {
            return authorization.substring(SCHEME.length());
        }
        return standard.resolve(request);
    }

    /** {@code [a-zA-Z0-9-._~+/]+=*} from {@code from} to the end. */
    private static boolean isToken(String value, int from) {
        int i = from;
        while (i < value.length() && isTokenCharacter(value.charAt(i))) {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < value.length() && value.charAt(i) == '=') {
            i++;
        }
        return i == value.length();
    }

    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
