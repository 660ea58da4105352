package com.subscriptiondevices.command.hub.listener;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where callbacks may point ({@code devices.notifications.allowed-hosts}), checked when a listener
 * registers and again before every delivery. A callback is allowed when its host is named in the list
 * (a host name, or an IP address that an address or range entry covers) and the name resolves, now, to
 * at least one address that is either listed (an address or range entry) or public. Deliveries connect
 * only to those addresses: a name that later resolves to a private, loopback or link-local address that
 * the list does not name (DNS rebinding) reaches nothing.
 */
public final class CallbackPolicy {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> names = new TreeSet<>();
    private final List<Range> ranges = new ArrayList<>();
    private final HostResolver resolver;

    public CallbackPolicy(List<String> allowedHosts, HostResolver resolver) {
        this.resolver = resolver;
        for (String raw : allowedHosts) {
            String entry = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            Range range = Range.parse(entry);
            if (range != null) {
                ranges.add(range);
            } else {
                names.add(hostName(entry));
            }
        }
    }

    /** The callback as a URI when it is an absolute http(s) URL this hub may call; a 400 otherwise. */
    public URI check(String callback) {
        URI uri = parse(callback);
        List<InetAddress> addresses;
        try {
            addresses = reachable(uri.getHost());
        } catch (UnknownHostException refused) {
            throw new DomainException(ErrorCode.INVALID_CALLBACK, refused.getMessage());
        }
        if (addresses.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_CALLBACK, "The callback's host is not allowed.");
        }
        return uri;
    }

    /**
     * The addresses a delivery to {@code host} may connect to, resolved now; empty when the host is not
     * allowed at all. Throws when the name does not resolve, or resolves to no allowed address.
     */
    public List<InetAddress> reachable(String host) throws UnknownHostException {
        String name = hostName(host);
        InetAddress literal = literal(name);
        if (literal != null) {
            return covered(literal) ? List.of(literal) : List.of();
        }
        if (!names.contains(name)) {
            return List.of();
        }
        List<InetAddress> allowed = new ArrayList<>();
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(name);
        } catch (UnknownHostException unknown) {
            throw new UnknownHostException("The callback's host does not resolve.");
        }
        for (InetAddress address : resolved) {
            if (covered(address) || isPublic(address)) {
                allowed.add(address);
            }
        }
        if (allowed.isEmpty()) {
            throw new UnknownHostException("The callback's host resolves to no allowed address.");
        }
        return allowed;
    }

    private static URI parse(String callback) {
        URI uri;
        try {
            uri = new URI(callback);
        } catch (URISyntaxException | NullPointerException malformed) {
            throw new DomainException(ErrorCode.INVALID_CALLBACK, "callback must be an absolute http(s) URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new DomainException(ErrorCode.INVALID_CALLBACK, "callback must be an absolute http(s) URL.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            // credentials in a URL end up in logs and proxies; a fragment is never sent
            throw new DomainException(ErrorCode.INVALID_CALLBACK, "callback must carry no user info and no fragment.");
        }
        return uri;
    }

    private boolean covered(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    /** An address anyone on the internet could reach: not loopback, private, link-local, shared or special. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0
                    && !(first == 100 && second >= 64 && second < 128) // shared address space (CGNAT)
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 224; // multicast and reserved
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc;
            boolean mappedOrCompatible = isMappedOrCompatible(bytes);
            return !uniqueLocal && !mappedOrCompatible;
        }
        return false;
    }

    /** ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address: refused unless listed, whatever it is. */
    private static boolean isMappedOrCompatible(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff);
    }

    private static String hostName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** The address an IP literal names, without asking any resolver; null for a host name. */
    static InetAddress literal(String host) {
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            return null;
        }
        try {
            // a literal never reaches DNS: getByName parses it
            return InetAddress.getByName(host);
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    /** An address or a CIDR range of the list. */
    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            String address = entry;
            int prefix = -1;
            int slash = entry.indexOf('/');
            if (slash > 0) {
                address = entry.substring(0, slash);
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException notARange) {
                    throw new IllegalArgumentException("Not an address range: " + entry);
                }
            }
            InetAddress literal = literal(hostName(address));
            if (literal == null) {
                if (slash > 0) {
                    throw new IllegalArgumentException("Not an address range: " + entry);
                }
                return null;
            }
            int bits = literal.getAddress().length * 8;
            if (prefix < 0) {
                prefix = bits;
            }
            if (prefix > bits) {
                throw new IllegalArgumentException("Not an address range: " + entry);
            }
            return new Range(literal.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int shift = bytes.length * 8 - prefix;
            return new BigInteger(1, bytes).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }
    }
}
