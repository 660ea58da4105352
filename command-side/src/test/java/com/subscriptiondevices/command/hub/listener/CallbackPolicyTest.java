package com.subscriptiondevices.command.hub.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.subscriptiondevices.api.error.DomainException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackPolicyTest {

    /** A resolver that knows a few names and nothing else: no test asks DNS. */
    private static final Map<String, String[]> NAMES = Map.of(
            "localhost", new String[] {"127.0.0.1", "::1"},
            "hooks.partner.example", new String[] {"93.184.216.34"},
            "rebinding.example", new String[] {"93.184.216.35", "169.254.169.254"},
            "internal.example", new String[] {"10.20.1.5"},
            "sneaky.example", new String[] {"10.1.1.1", "192.168.1.1", "100.64.0.1", "::ffff:169.254.169.254"});

    private final CallbackPolicy policy = new CallbackPolicy(
            List.of(
                    "localhost",
                    "127.0.0.1",
                    "hooks.partner.example",
                    "rebinding.example",
                    "internal.example",
                    "sneaky.example",
                    "10.20.0.0/16",
                    " HOOKS.Upper.example. "),
            host -> {
                String[] addresses = NAMES.get(host);
                if (addresses == null) {
                    throw new UnknownHostException(host);
                }
                InetAddress[] resolved = new InetAddress[addresses.length];
                for (int i = 0; i < addresses.length; i++) {
                    resolved[i] = InetAddress.getByName(addresses[i]);
                }
                return resolved;
            });

    @Test
    void a_listed_name_is_reached_only_at_its_public_or_listed_addresses() throws Exception {
        assertThat(policy.reachable("localhost")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(policy.reachable("hooks.partner.example")).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThat(policy.reachable("rebinding.example"))
                .as("the metadata address is dropped")
                .containsExactly(InetAddress.getByName("93.184.216.35"));
        assertThat(policy.reachable("internal.example"))
                .as("a private address a range lists")
                .containsExactly(InetAddress.getByName("10.20.1.5"));
    }

    @Test
    void a_listed_name_that_resolves_only_to_refused_addresses_is_refused() {
        assertThatThrownBy(() -> policy.reachable("sneaky.example"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("no allowed address");
        assertThatThrownBy(() -> policy.check("http://sneaky.example/hook"))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("no allowed address");
    }

    @Test
    void names_and_addresses_outside_the_list_are_refused_without_asking_any_resolver() throws Exception {
        assertThat(policy.reachable("example.com")).isEmpty();
        assertThat(policy.reachable("10.0.0.1")).isEmpty();
        assertThat(policy.reachable("[::1]")).isEmpty();
        assertThat(policy.reachable("10.20.3.4")).containsExactly(InetAddress.getByName("10.20.3.4"));
        assertThat(policy.reachable("LOCALHOST.")).hasSize(1);
        assertThatThrownBy(() -> policy.reachable("hooks.upper.example"))
                .as("listed, but unknown to the resolver")
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void a_callback_must_be_an_absolute_http_url_without_credentials_or_fragment() {
        assertThat(policy.check("https://hooks.partner.example/devices?x=1").getHost())
                .isEqualTo("hooks.partner.example");
        assertThat(policy.check("http://127.0.0.1:8081/hook").getPort()).isEqualTo(8081);
        for (String bad : List.of(
                "hooks.partner.example/x",
                "/x",
                "ftp://127.0.0.1/x",
                "http:///x",
                "http://user:pw@127.0.0.1/x",
                "http://127.0.0.1/x#frag",
                "http://exa mple.com/",
                "http://example.com/")) {
            assertThatThrownBy(() -> policy.check(bad)).as(bad).isInstanceOf(DomainException.class);
        }
    }

    @Test
    void an_empty_list_allows_nothing() {
        CallbackPolicy none = new CallbackPolicy(List.of(), host -> {
            throw new AssertionError("no resolution for a refused host");
        });
        assertThatThrownBy(() -> none.check("http://localhost/x")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> none.check("http://127.0.0.1/x")).isInstanceOf(DomainException.class);
    }

    @Test
    void public_addresses_are_told_from_special_ones() throws Exception {
        for (String special : List.of(
                "0.0.0.0",
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "224.0.0.1",
                "::1",
                "fe80::1",
                "fc00::1",
                "::ffff:10.0.0.1",
                "::10.0.0.1")) {
            assertThat(CallbackPolicy.isPublic(InetAddress.getByName(special)))
                    .as(special)
                    .isFalse();
        }
        assertThat(CallbackPolicy.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(CallbackPolicy.isPublic(InetAddress.getByName("2001:4860:4860::8888")))
                .isTrue();
    }
}
