package io.weft.comm;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/**
 * A {@code host:port} address as Fabric writes them ({@code 0.0.0.0:7051}, {@code [::1]:7051},
 * {@code :7051} for every interface).
 *
 * @param host host name or IP literal, empty for every interface
 * @param port TCP port, 0 for any free port
 */
public record HostPort(String host, int port) {

    public HostPort {
        requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code text}; fails with a message naming it. */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address " + text + ": missing port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new HostPort(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address " + text + ": port is not a number");
        }
    }

    /** The socket address to bind or dial; an empty host means every interface. */
    public InetSocketAddress socketAddress() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** This address with the port a listener actually bound. */
    public HostPort withPort(int actual) {
        return new HostPort(host, actual);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
