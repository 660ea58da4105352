package com.subscriptiondevices.platform.security;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Prints a ready-to-use token at start-up in dev-token mode, so a first run needs no token tool. */
@Component
@Profile("!prod")
class DevTokenPrinter implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(DevTokenPrinter.class);

    private final DevTokens tokens;
    private final SecurityModes modes;
    private final List<String> orgs;
    private final Duration ttl;

    DevTokenPrinter(DevTokens tokens, SecurityModes modes, TokenProperties properties) {
        this.tokens = tokens;
        this.modes = modes;
        this.orgs = properties.devToken().orgs();
        this.ttl = properties.devToken().ttl();
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!modes.devTokensAccepted()) {
            return;
        }
        String token = tokens.mint("dev-user", "dev@example.com", orgs, Scopes.ALL, ttl);
        log.info(
                "Dev token (orgs {}, all scopes, valid {}):\n\n  export TOKEN={}\n\n"
                        + "  curl -H \"Authorization: Bearer $TOKEN\" ...\n",
                orgs,
                ttl,
                token);
    }
}
