package com.subscriptiondevices.platform.validation;

import com.subscriptiondevices.api.identifier.Identifiers;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class ImeiValidator implements ConstraintValidator<Imei, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || Identifiers.normalizeImei(value).isPresent();
    }
}
