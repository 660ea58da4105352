package com.subscriptiondevices.query.simswap.web;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.identifier.Identifiers;
import com.subscriptiondevices.api.simswap.FindLatestSimChange;
import com.subscriptiondevices.platform.security.Callers;
import com.subscriptiondevices.platform.web.QuerySender;
import com.subscriptiondevices.query.simswap.SimSwapProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * CAMARA's SIM Swap API (v2) for fraud checks: when did this number's SIM last change, and did it
 * change within the last hours. Both are reads (POSTs only because CAMARA says so), answered from the
 * SIM swap read model in one look-up. The number comes from the body or from the token's
 * {@code phone_number}, never both; a number held in an org the token does not list is unknown.
 */
@RestController
@Tag(name = "SIM swap")
@EnableConfigurationProperties(SimSwapProperties.class)
class SimSwapController {

    static final int DEFAULT_MAX_AGE = 240;
    static final int MAX_MAX_AGE = 2400;

    private final QuerySender queries;
    private final Clock clock;
    private final Integer monitoredPeriod;

    SimSwapController(QuerySender queries, Clock clock, SimSwapProperties settings) {
        this.queries = queries;
        this.clock = clock;
        this.monitoredPeriod = settings.monitoredPeriod();
    }

    @Operation(
            operationId = "retrieveSimSwapDate",
            summary = "Retrieve SIM swap date",
            description = "The latest SIM change of the phone number: when the number was given to the"
                    + " subscription that holds it now, or, later, when a SIM was added to that subscription or"
                    + " one of its SIMs was replaced (a replacement counts once the network processed it). With a"
                    + " monitored period configured, a change older than it answers latestSimChange null with"
                    + " monitoredPeriod. The number comes from phoneNumber, or from the token's phone_number"
                    + " claim (a token issued to the line's user), never both. Needs sim-swap:retrieve-date or"
                    + " sim-swap; a number held in an organization the token does not list is unknown.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The latest SIM change"),
                @ApiResponse(
                        responseCode = "404",
                        description = "IDENTIFIER_NOT_FOUND: no subscription of the token's organizations has the"
                                + " number"),
                @ApiResponse(
                        responseCode = "422",
                        description = "MISSING_IDENTIFIER: neither the body nor the token names a number;"
                                + " UNNECESSARY_IDENTIFIER: both do")
            })
    @PostMapping(
            path = "/sim-swap/v2/retrieve-date",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    SimSwapInfo retrieveDate(@RequestBody CreateSimSwapDate body) {
        String number = phoneNumber(body.phoneNumber());
        Instant latest = latestSimChange(number);
        if (monitoredPeriod != null && latest.isBefore(clock.instant().minus(Duration.ofDays(monitoredPeriod)))) {
            return new SimSwapInfo(null, monitoredPeriod);
        }
        return new SimSwapInfo(latest, null);
    }

    @Operation(
            operationId = "checkSimSwap",
            summary = "Check SIM swap",
            description = "Whether the phone number's SIM changed within the last maxAge hours (1 to 2400,"
                    + " default 240); the latest SIM change is as retrieve-date tells it. A maxAge beyond the"
                    + " monitored period (when one is configured) is 400 OUT_OF_RANGE, the default 240 included."
                    + " The number comes from phoneNumber, or from the token's phone_number claim, never both."
                    + " Needs sim-swap:check or sim-swap; a number held in an organization the token does not"
                    + " list is unknown.",
            responses = {
                @ApiResponse(responseCode = "200", description = "Whether the SIM changed within maxAge hours"),
                @ApiResponse(
                        responseCode = "404",
                        description = "IDENTIFIER_NOT_FOUND: no subscription of the token's organizations has the"
                                + " number"),
                @ApiResponse(
                        responseCode = "422",
                        description = "MISSING_IDENTIFIER: neither the body nor the token names a number;"
                                + " UNNECESSARY_IDENTIFIER: both do")
            })
    @PostMapping(
            path = "/sim-swap/v2/check",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CheckSimSwapInfo check(@RequestBody CreateCheckSimSwap body) {
        int maxAge = body.maxAge() == null ? DEFAULT_MAX_AGE : body.maxAge();
        if (maxAge < 1 || maxAge > MAX_MAX_AGE) {
            throw new DomainException(
                    ErrorCode.OUT_OF_RANGE, "maxAge must be from 1 to " + MAX_MAX_AGE + " hours, not " + maxAge + ".");
        }
        if (monitoredPeriod != null && maxAge > monitoredPeriod * 24L) {
            throw new DomainException(
                    ErrorCode.OUT_OF_RANGE,
                    "maxAge (" + maxAge + " hours" + (body.maxAge() == null ? ", the default" : "")
                            + ") goes beyond the monitored period of " + monitoredPeriod + " days ("
                            + monitoredPeriod * 24L
                            + " hours) that local rules allow.");
        }
        String number = phoneNumber(body.phoneNumber());
        Instant latest = latestSimChange(number);
        return new CheckSimSwapInfo(latest.isAfter(clock.instant().minus(Duration.ofHours(maxAge))));
    }

    /** The number asked about: from the body or from the token, exactly one of them. */
    private static String phoneNumber(String fromBody) {
        if (fromBody != null && !Identifiers.isValidMsisdn(fromBody)) {
            throw new DomainException(
                    ErrorCode.INVALID_MSISDN_FORMAT,
                    "phoneNumber must be a phone number in E.164 form: + and 5 to 15 digits, the first not 0.");
        }
        Optional<String> fromToken = Callers.phoneNumber();
        if (fromBody != null && fromToken.isPresent()) {
            throw new DomainException(
                    ErrorCode.UNNECESSARY_IDENTIFIER,
                    "The token identifies the phone number already; leave phoneNumber out.");
        }
        if (fromBody == null && fromToken.isEmpty()) {
            throw new DomainException(
                    ErrorCode.MISSING_IDENTIFIER,
                    "Give phoneNumber: the token identifies no phone number (no phone_number claim).");
        }
        return fromBody != null ? fromBody : fromToken.get();
    }

    private Instant latestSimChange(String number) {
        Optional<Instant> latest = queries.ask(
                new FindLatestSimChange(
                        number, Callers.current().map(Callers::orgs).orElse(List.of())),
                ResponseTypes.optionalInstanceOf(Instant.class));
        return latest.orElseThrow(() -> new DomainException(
                ErrorCode.IDENTIFIER_NOT_FOUND, "No subscription of the token's organizations has this phone number."));
    }
}
