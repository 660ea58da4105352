package com.subscriptiondevices.api.device;

/**
 * One JSON Patch operation as the audit trail keeps it: what was done where and why. Values are not
 * kept here (they may be secret); the resulting state is in the event.
 */
public record AppliedOperation(String op, String path, String from, String reason) {}
