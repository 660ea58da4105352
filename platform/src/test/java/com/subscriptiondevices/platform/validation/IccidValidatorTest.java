package com.subscriptiondevices.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** Both ways an {@link IccidValidator} is made: by a plain Bean Validation factory, and by Spring. */
class IccidValidatorTest {

    /** 19 digits starting 89, Luhn-valid. */
    private static final String LUHN_VALID = "8934000000000000002";
    /** The same with a wrong check digit. */
    private static final String LUHN_INVALID = "8934000000000000003";

    record Sim(@Iccid String iccid) {}

    @Test
    void a_plain_validator_factory_checks_the_luhn_digit() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();

            assertThat(validator.validate(new Sim(LUHN_VALID))).isEmpty();
            assertThat(validator.validate(new Sim(LUHN_INVALID))).hasSize(1);
        }
    }

    @Test
    void spring_checks_the_luhn_digit_by_default() {
        Validator validator = springValidator(Map.of());

        assertThat(validator.validate(new Sim(LUHN_VALID))).isEmpty();
        assertThat(validator.validate(new Sim(LUHN_INVALID))).hasSize(1);
    }

    @Test
    void spring_injects_the_setting_that_switches_the_luhn_check_off() {
        Validator validator = springValidator(Map.of("devices.validation.iccid-luhn-check", "false"));

        assertThat(validator.validate(new Sim(LUHN_INVALID))).isEmpty();
        assertThat(validator.validate(new Sim("12345"))).hasSize(1);
    }

    private static Validator springValidator(Map<String, Object> properties) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        context.register(ValidationConfiguration.class);
        context.registerBean(LocalValidatorFactoryBean.class);
        context.refresh();
        return context.getBean(LocalValidatorFactoryBean.class).getValidator();
    }
}
