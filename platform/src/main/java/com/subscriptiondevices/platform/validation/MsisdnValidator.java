package com.subscriptiondevices.platform.validation;

import com.subscriptiondevices.api.identifier.Identifiers;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class MsisdnValidator implements ConstraintValidator<Msisdn, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || Identifiers.isValidMsisdn(value);
    }
}
