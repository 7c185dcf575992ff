package io.weft.tools.cryptogen;

import java.util.List;

/**
 * One entry of an organization's {@code Specs} (and the shape of its {@code CA} entry): a host name
 * without the domain, an optional common-name template and extra subject alternative names. The
 * subject fields (country ... postal code) matter only for the {@code CA} entry, as in cryptogen.
 *
 * @param hostname host name without the domain; {@code {{.Prefix}}}-free
 * @param commonName template for the CN; empty means {@code {{.Hostname}}.{{.Domain}}}
 * @param sans extra SAN templates ({@code {{.Hostname}}}, {@code {{.Domain}}}, {@code {{.CommonName}}})
 */
public record NodeSpec(String hostname, String commonName, String country, String province, String locality,
        String organizationalUnit, String streetAddress, String postalCode, List<String> sans) {

    public NodeSpec {
        hostname = nullToEmpty(hostname);
        commonName = nullToEmpty(commonName);
        country = nullToEmpty(country);
        province = nullToEmpty(province);
        locality = nullToEmpty(locality);
        organizationalUnit = nullToEmpty(organizationalUnit);
        streetAddress = nullToEmpty(streetAddress);
        postalCode = nullToEmpty(postalCode);
        sans = sans == null ? List.of() : List.copyOf(sans);
    }

    /** A node with just a host name. */
    public static NodeSpec host(String hostname) {
        return new NodeSpec(hostname, "", "", "", "", "", "", "", List.of());
    }

    /** A node with a host name and extra SANs. */
    public static NodeSpec host(String hostname, List<String> sans) {
        return new NodeSpec(hostname, "", "", "", "", "", "", "", sans);
    }

    /** The empty spec: what an absent {@code CA} section means. */
    public static NodeSpec empty() {
        return host("");
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
