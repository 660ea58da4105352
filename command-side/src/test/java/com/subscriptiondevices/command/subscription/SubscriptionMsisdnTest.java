package com.subscriptiondevices.command.subscription;

import static com.subscriptiondevices.command.subscription.TestDevices.LEGACY_ACCOUNT_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.ORG;
import static com.subscriptiondevices.command.subscription.TestDevices.OTHER_ORG;
import static com.subscriptiondevices.command.subscription.TestDevices.SUBSCRIPTION_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.SUBSCRIPTION_LEGACY_ID;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.subscription.CreateSubscription;
import com.subscriptiondevices.api.subscription.MsisdnChanged;
import com.subscriptiondevices.api.subscription.PatchSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.command.subscription.representation.TestDevicePatchers;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A subscription's phone number: given at registration or by a patch, changed, removed; command in, events out. */
class SubscriptionMsisdnTest {

    private static final String NUMBER = "+34600123456";
    private static final String OTHER_NUMBER = "+34600654321";

    private FixtureConfiguration<Subscription> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subscription.class);
        fixture.registerAnnotatedCommandHandler(
                new SubscriptionPatchHandler(fixture.getRepository(), TestDevicePatchers.subscriptionPatcher()));
    }

    private static SubscriptionCreated created() {
        return new SubscriptionCreated(SUBSCRIPTION_ID, ORG, SUBSCRIPTION_LEGACY_ID, LEGACY_ACCOUNT_ID);
    }

    private static MsisdnChanged given(String number) {
        return new MsisdnChanged(SUBSCRIPTION_ID, ORG, number, null);
    }

    private static PatchSubscription patch(String document) {
        return new PatchSubscription(SUBSCRIPTION_ID, ORG, document);
    }

    private static SubscriptionView view(String msisdn) {
        return new SubscriptionView(SUBSCRIPTION_ID, SUBSCRIPTION_LEGACY_ID, LEGACY_ACCOUNT_ID, ORG, msisdn);
    }

    private static Matcher<DomainException> domainError(ErrorCode code, String message) {
        Matcher<DomainException> withCode =
                new FeatureMatcher<DomainException, ErrorCode>(equalTo(code), "a DomainException with code", "code") {
                    @Override
                    protected ErrorCode featureValueOf(DomainException actual) {
                        return actual.code();
                    }
                };
        Matcher<DomainException> saying =
                new FeatureMatcher<DomainException, String>(
                        containsString(message), "a DomainException whose message", "message") {
                    @Override
                    protected String featureValueOf(DomainException actual) {
                        return actual.getMessage();
                    }
                };
        return allOf(instanceOf(DomainException.class), withCode, saying);
    }

    @Test
    void a_registration_with_a_number_gives_it_in_a_second_event_of_the_same_command() {
        fixture.givenNoPriorActivity()
                .when(new CreateSubscription(SUBSCRIPTION_ID, ORG, SUBSCRIPTION_LEGACY_ID, LEGACY_ACCOUNT_ID, NUMBER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(), given(NUMBER));
    }

    @Test
    void a_registration_without_a_number_records_no_number() {
        fixture.givenNoPriorActivity()
                .when(new CreateSubscription(SUBSCRIPTION_ID, ORG, SUBSCRIPTION_LEGACY_ID, LEGACY_ACCOUNT_ID, null))
                .expectEvents(created());
    }

    @Test
    void adding_a_number_gives_it_and_answers_the_subscription_with_it() {
        fixture.given(created())
                .when(patch("[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"" + NUMBER + "\"}]"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(given(NUMBER))
                .expectResultMessagePayload(view(NUMBER));
    }

    @Test
    void replacing_the_number_names_the_old_one_so_it_is_let_go() {
        fixture.given(created(), given(NUMBER))
                .when(patch("[{\"op\":\"replace\",\"path\":\"/msisdn\",\"value\":\"" + OTHER_NUMBER + "\"}]"))
                .expectEvents(new MsisdnChanged(SUBSCRIPTION_ID, ORG, OTHER_NUMBER, NUMBER))
                .expectResultMessagePayload(view(OTHER_NUMBER));
    }

    @Test
    void removing_the_number_leaves_the_subscription_without_one() {
        fixture.given(created(), given(NUMBER))
                .when(patch("[{\"op\":\"remove\",\"path\":\"/msisdn\"}]"))
                .expectEvents(new MsisdnChanged(SUBSCRIPTION_ID, ORG, null, NUMBER))
                .expectResultMessagePayload(view(null));
    }

    @Test
    void the_number_it_has_already_records_nothing() {
        fixture.given(created(), given(NUMBER))
                .when(patch("[{\"op\":\"test\",\"path\":\"/legacy_account_id\",\"value\":" + LEGACY_ACCOUNT_ID
                        + "},{\"op\":\"replace\",\"path\":\"/msisdn\",\"value\":\"" + NUMBER + "\"}]"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(view(NUMBER));
    }

    @Test
    void a_failed_test_changes_nothing() {
        fixture.given(created(), given(NUMBER))
                .when(patch("[{\"op\":\"test\",\"path\":\"/msisdn\",\"value\":\"" + OTHER_NUMBER + "\"},"
                        + "{\"op\":\"remove\",\"path\":\"/msisdn\"}]"))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_PATCH, "cannot be applied"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{\"op\":\"replace\",\"path\":\"/legacy_account_id\",\"value\":1}]",
                "[{\"op\":\"add\",\"path\":\"/colour\",\"value\":\"red\"}]",
                "[{\"op\":\"move\",\"from\":\"/org\",\"path\":\"/msisdn\"}]",
                "[{\"op\":\"copy\",\"from\":\"/msisdn\",\"path\":\"/org\"}]",
                "[{\"op\":\"remove\",\"path\":\"/id\"}]",
                "[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"x\",\"reason\":\"why\"}]",
                "[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":34600123456}]",
                "{\"op\":\"add\"}",
                "[{\"op\":\"add\",\"path\":\"/msisdn\"}]"
            })
    void only_the_number_may_change_and_only_to_text(String document) {
        fixture.given(created(), given(NUMBER))
                .when(patch(document))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_PATCH, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"600123456", "+0600123456", "+3460012345678901", "+34 600 123 456", "+3460", ""})
    void a_number_that_is_not_e164_is_refused(String number) {
        fixture.given(created())
                .when(patch("[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"" + number + "\"}]"))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.INVALID_MSISDN_FORMAT, "E.164"));
    }

    @Test
    void a_caller_of_another_org_finds_no_subscription() {
        fixture.given(created(), given(NUMBER))
                .when(new PatchSubscription(SUBSCRIPTION_ID, OTHER_ORG, "[{\"op\":\"remove\",\"path\":\"/msisdn\"}]"))
                .expectNoEvents()
                .expectException(domainError(ErrorCode.SUBSCRIPTION_NOT_FOUND, ""));
    }

    @Test
    void an_unknown_subscription_cannot_be_patched() {
        fixture.givenNoPriorActivity()
                .when(patch("[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"" + NUMBER + "\"}]"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void the_number_survives_a_replay_of_the_subscription() {
        fixture.given(created(), given(NUMBER), new MsisdnChanged(SUBSCRIPTION_ID, ORG, OTHER_NUMBER, NUMBER))
                .when(patch("[{\"op\":\"test\",\"path\":\"/msisdn\",\"value\":\"" + OTHER_NUMBER + "\"}]"))
                .expectNoEvents()
                .expectResultMessagePayload(view(OTHER_NUMBER));
    }
}
