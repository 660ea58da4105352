package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Lookups across an org by a SIM's ICCID and IMSI and a terminal's IMEI (with MAC address and serial
 * number), and the pages of both V2 lists, through HTTP on PostgreSQL.
 */
class DeviceLookupsIT extends PostgresIT {

    @Test
    void a_sim_is_found_by_its_iccid_and_by_its_imsi_and_only_in_its_own_org() {
        String mine = subscription(ORG);
        String iccid = Fixtures.iccid();
        String imsi = Fixtures.imsi();
        String sim = added(mine, Fixtures.sim(iccid, imsi));
        added(subscription(OTHER_ORG), Fixtures.sim(Fixtures.iccid(), imsi), OTHER_ORG);

        assertThat(ids(lookup(ORG, "iccid=" + iccid))).containsExactly(sim);
        assertThat(ids(lookup(ORG, "imsi=" + imsi))).containsExactly(sim);
        assertThat(ids(lookup(ORG, "iccid=" + iccid + "&imsi=" + imsi))).containsExactly(sim);
        assertThat(ids(lookup(ORG, "iccid=%20" + iccid + "%20")))
                .as("blanks around it")
                .containsExactly(sim);
        assertThat(ids(lookup(OTHER_ORG, "iccid=" + iccid))).isEmpty();
        assertThat(lookup(OTHER_ORG, "imsi=" + imsi).json()).hasSize(1);
        assertThat(ids(lookup(ORG, "iccid=" + Fixtures.iccid()))).isEmpty();
    }

    @Test
    void a_terminal_is_found_by_its_imei_plain_or_hyphenated_and_every_filter_given_must_match() {
        String subscription = subscription(ORG);
        String imei = Fixtures.imei();
        String mac = Fixtures.mac();
        String serial = Fixtures.serial();
        String terminal = added(subscription, Fixtures.terminal(mac, serial, imei));
        String display = imei.substring(0, 2) + "-" + imei.substring(2, 8) + "-" + imei.substring(8, 14) + "-"
                + imei.substring(14);

        assertThat(ids(lookup(ORG, "imei=" + imei))).containsExactly(terminal);
        assertThat(ids(lookup(ORG, "imei=" + display))).containsExactly(terminal);
        assertThat(ids(lookup(ORG, "imei=" + imei + "&mac_address=" + mac.toLowerCase() + "&serial_number=" + serial)))
                .containsExactly(terminal);
        assertThat(ids(lookup(ORG, "imei=" + imei + "&serial_number=other-" + serial)))
                .as("all given filters must match")
                .isEmpty();
        assertThat(ids(lookup(ORG, "imei=" + imei + "&iccid=" + Fixtures.iccid())))
                .isEmpty();
    }

    @Test
    void a_swapped_sim_is_found_by_its_new_iccid_only() {
        Sim sim = sim();
        String newIccid = Fixtures.iccid();
        assertThat(replace(sim, newIccid).status()).isEqualTo(202);
        eventually(
                "the network swaps it", () -> eventTypes(sim.subscriptionId()).contains("SimReplaced"));

        assertThat(ids(lookup(ORG, "iccid=" + newIccid))).containsExactly(sim.deviceId());
        assertThat(ids(lookup(ORG, "iccid=" + sim.iccid()))).isEmpty();
    }

    @Test
    void no_filter_is_400_missing_query_params_and_a_malformed_one_has_its_format_code() {
        Api.Response none = api.get("/v2/orgs/yoigo/devices?offset=0&limit=10", token(Scopes.READ));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.errorCode()).isEqualTo("MISSING_QUERY_PARAMS");
        assertThat(lookup(ORG, "iccid=").errorCode()).as("blank is no filter").isEqualTo("MISSING_QUERY_PARAMS");
        assertThat(lookup(ORG, "iccid=123").errorCode()).isEqualTo("INVALID_ICCID_FORMAT");
        assertThat(lookup(ORG, "imsi=12ab").errorCode()).isEqualTo("INVALID_IMSI_FORMAT");
        assertThat(lookup(ORG, "imei=490154203237517").errorCode()).isEqualTo("INVALID_IMEI_FORMAT");
        Api.Response two = lookup(ORG, "imsi=1&imei=2");
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().get("error").get("message").asString())
                .contains("imsi")
                .contains("imei");
    }

    @Test
    void the_org_wide_lookup_pages_in_legacy_id_order_with_counts_and_a_link_to_the_next_page() {
        String serial = Fixtures.serial();
        String subscription = subscription(ORG);
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(added(subscription, Fixtures.terminal(Fixtures.mac(), serial)));
        }

        List<String> seen = new ArrayList<>();
        String next = "/v2/orgs/yoigo/devices?serial_number=" + serial + "&limit=2";
        int pages = 0;
        while (next != null) {
            Api.Response page = api.get(next, token(Scopes.READ));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.header("X-Total-Count")).isEqualTo("5");
            assertThat(page.header("X-Result-Count"))
                    .isEqualTo(Integer.toString(page.json().size()));
            seen.addAll(ids(page));
            next = nextLink(page);
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen)
                .as("every device once, in the order they were given legacy ids")
                .isEqualTo(added);

        Api.Response pastTheEnd = lookup(ORG, "serial_number=" + serial + "&offset=5");
        assertThat(pastTheEnd.json()).isEmpty();
        assertThat(pastTheEnd.header("X-Total-Count")).isEqualTo("5");
        assertThat(pastTheEnd.header("X-Result-Count")).isEqualTo("0");
        assertThat(pastTheEnd.header("Link")).isNull();
        Api.Response all = lookup(ORG, "serial_number=" + serial + "&limit=1000");
        assertThat(ids(all)).isEqualTo(added);
        assertThat(all.header("Link")).isNull();
    }

    @Test
    void a_subscriptions_devices_page_the_same_way_and_the_filter_stays_in_the_link() {
        String subscription = subscription(ORG);
        String mac = Fixtures.mac();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            added.add(added(subscription, Fixtures.terminal(i == 1 ? Fixtures.mac() : mac, "S")));
        }
        String devices = devicesPath(ORG, subscription);

        Api.Response first = api.get(devices + "?limit=2", token(Scopes.READ));
        assertThat(ids(first)).isEqualTo(added.subList(0, 2));
        assertThat(first.header("X-Total-Count")).isEqualTo("3");
        assertThat(first.header("Link")).isEqualTo("<" + devices + "?offset=2&limit=2>; rel=\"next\"");
        Api.Response second = api.get(nextLink(first), token(Scopes.READ));
        assertThat(ids(second)).containsExactly(added.get(2));
        assertThat(second.header("Link")).isNull();

        Api.Response byMac =
                api.get(devices + "?mac_address=" + mac.replace(":", "-") + "&limit=1", token(Scopes.READ));
        assertThat(ids(byMac)).containsExactly(added.get(0));
        assertThat(byMac.header("X-Total-Count")).isEqualTo("2");
        assertThat(byMac.header("Link"))
                .isEqualTo("<" + devices + "?mac_address=" + mac + "&offset=1&limit=1>; rel=\"next\"");
        assertThat(ids(api.get(nextLink(byMac), token(Scopes.READ)))).containsExactly(added.get(2));

        Api.Response defaults = api.get(devices, token(Scopes.READ));
        assertThat(defaults.header("X-Total-Count")).isEqualTo("3");
        assertThat(defaults.header("X-Result-Count")).isEqualTo("3");
        assertThat(defaults.header("Link")).isNull();
    }

    @Test
    void an_offset_or_limit_out_of_range_is_400_invalid_query_param_on_both_lists() {
        String devices = devicesPath(ORG, subscription(ORG));
        for (String paging : List.of("offset=-1", "offset=x", "limit=0", "limit=1001", "limit=", "limit=2.5")) {
            Api.Response lookup = lookup(ORG, "serial_number=S&" + paging);
            assertThat(lookup.status()).as(paging).isEqualTo(400);
            assertThat(lookup.errorCode()).isEqualTo("INVALID_QUERY_PARAM");
            Api.Response list = api.get(devices + "?" + paging, token(Scopes.READ));
            assertThat(list.status()).as(paging).isEqualTo(400);
            assertThat(list.errorCode()).isEqualTo("INVALID_QUERY_PARAM");
        }
        Api.Response both = api.get(devices + "?offset=-1&limit=0", token(Scopes.READ));
        assertThat(both.json().get("error").get("message").asString())
                .contains("offset")
                .contains("limit");
        assertThat(api.get(devices + "?offset=0&limit=1000", token(Scopes.READ)).status())
                .isEqualTo(200);
        assertThat(api.get(devicesPath(ORG, UUID.randomUUID().toString()) + "?limit=5", token(Scopes.READ))
                        .errorCode())
                .isEqualTo("SUBSCRIPTION_NOT_FOUND");
    }

    private Api.Response lookup(String org, String query) {
        return api.get("/v2/orgs/" + org + "/devices?" + query, token(Scopes.READ));
    }

    private String added(String subscription, String body) {
        return added(subscription, body, ORG);
    }

    private String added(String subscription, String body, String org) {
        Api.Response added = api.post(devicesPath(org, subscription), fullToken(), body);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.json().get("id").asString();
    }

    private static List<String> ids(Api.Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode device : answer.json()) {
            ids.add(device.get("id").asString());
        }
        return ids;
    }

    /** The next page's path, from a {@code Link: <...>; rel="next"} header; null without one. */
    private static String nextLink(Api.Response page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        assertThat(link).endsWith(">; rel=\"next\"");
        return link.substring(1, link.indexOf('>'));
    }
}
