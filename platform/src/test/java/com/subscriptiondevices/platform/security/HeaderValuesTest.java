package com.subscriptiondevices.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    /** Spring Security's own default for header values (StrictHttpFirewall, 7.x). */
    private static final Pattern FIREWALL_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    private final HeaderValues allowed = new HeaderValues();

    @Test
    void decidesEveryCodePointAsTheFirewallsPatternDoes() {
        List<String> disagreements = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String value = "Bearer a" + Character.toString(codePoint) + "z";
            if (allowed.test(value) != FIREWALL_DEFAULT.matcher(value).matches()) {
                disagreements.add(Integer.toHexString(codePoint));
            }
        }

        assertThat(disagreements).isEmpty();
    }

    @Test
    void takesTokensAndTabsAndRefusesControlCharactersAndUnassignedCodePoints() {
        assertThat(allowed.test("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/="))
                .isTrue();
        assertThat(allowed.test("a\tb")).isTrue();
        assertThat(allowed.test("")).isTrue();
        assertThat(allowed.test("caf\u00e9 \ud83d\ude00")).isTrue();
        assertThat(allowed.test("a\nb")).isFalse();
        assertThat(allowed.test("a\u0000")).isFalse();
        assertThat(allowed.test("a\u007f")).isFalse();
        assertThat(allowed.test("a\u0378")).isFalse();
    }

    @Test
    void agreesWithThePatternOnLoneSurrogates() {
        for (String value : List.of("\ud800", "x\udc00y", "\udbff")) {
            assertThat(allowed.test(value))
                    .isEqualTo(FIREWALL_DEFAULT.matcher(value).matches());
        }
    }
}
