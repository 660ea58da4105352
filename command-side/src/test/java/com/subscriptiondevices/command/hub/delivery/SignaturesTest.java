package com.subscriptiondevices.command.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void signs_as_the_standard_webhooks_example_does() {
        // the example of the Standard Webhooks specification, checked with openssl too (README)
        assertThat(Signatures.sign(
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330,
                        "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_secret_of_the_clients_own_is_its_bytes_and_every_part_counts() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String secret = "my-own-secret-that-is-long-enough-0123";
        String signature = Signatures.sign(secret, "id-1", 1, body);
        assertThat(signature).startsWith("v1,");
        assertThat(Signatures.sign(secret, "id-2", 1, body)).isNotEqualTo(signature);
        assertThat(Signatures.sign(secret, "id-1", 2, body)).isNotEqualTo(signature);
        assertThat(Signatures.sign(secret, "id-1", 1, "{ }".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(signature);
        assertThat(Signatures.sign(secret + "x", "id-1", 1, body)).isNotEqualTo(signature);
    }

    @Test
    void a_signature_does_not_depend_on_what_was_signed_before_on_its_thread_or_on_others() throws Exception {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String first = "first-secret-that-is-long-enough-012345";
        String second = "second-secret-that-is-long-enough-01234";
        String expected = Signatures.sign(first, "id", 7, body);
        Signatures.sign(second, "other", 8, "x".getBytes(StandardCharsets.UTF_8));
        assertThat(Signatures.sign(first, "id", 7, body)).isEqualTo(expected);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<String>> signed = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String secret = i % 2 == 0 ? first : second;
                signed.add(threads.submit(() -> Signatures.sign(secret, "id", 7, body)));
            }
            for (int i = 0; i < signed.size(); i++) {
                assertThat(signed.get(i).get())
                        .isEqualTo(i % 2 == 0 ? expected : Signatures.sign(second, "id", 7, body));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
