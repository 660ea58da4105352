package com.subscriptiondevices.api.subscription;

import org.axonframework.serialization.Revision;

/**
 * The subscription's phone number (E.164, {@code +34...}) was given ({@code previousMsisdn} null),
 * changed, or removed ({@code msisdn} null). A registration with a number applies it right after
 * {@link SubscriptionCreated}, in the same command. {@code org} is the subscription's (it never
 * changes): who holds a number is looked up across the service, by org.
 */
@Revision("1")
public record MsisdnChanged(SubscriptionId subscriptionId, String org, String msisdn, String previousMsisdn) {}
