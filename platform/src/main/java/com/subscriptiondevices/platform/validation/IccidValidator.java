package com.subscriptiondevices.platform.validation;

import com.subscriptiondevices.api.identifier.Identifiers;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.springframework.beans.factory.annotation.Autowired;

/** The Luhn check can be switched off ({@code devices.validation.iccid-luhn-check=false}) for legacy stock. */
public class IccidValidator implements ConstraintValidator<Iccid, String> {

    private final boolean checkLuhn;

    /** With the Luhn check: for a plain Bean Validation factory, which needs a no-arg constructor. */
    public IccidValidator() {
        this(true);
    }

    @Autowired
    public IccidValidator(IdentifierRulesProperties rules) {
        this(rules.iccidLuhnCheck());
    }

    private IccidValidator(boolean checkLuhn) {
        this.checkLuhn = checkLuhn;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || Identifiers.isValidIccid(value, checkLuhn);
    }
}
