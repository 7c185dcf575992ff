package io.weft.tools.cryptogen;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Distinguished names encoded as Go's {@code pkix.Name.ToRDNSequence}: attributes in the order C, ST,
 * L, STREET, PostalCode, O, OU, CN; several OUs share one (multi-valued) RDN; a value is a
 * PrintableString when its characters allow, else a UTF8String (so {@code Admin@org1} is UTF8).
 */
final class Subjects {

    private Subjects() {
    }

    /**
     * cryptogen's subject: the CA spec's fields with US / California / San Francisco defaults.
     *
     * @param org the O value, or empty for none (leaf certificates have none)
     * @param extraOus OUs appended after the CA spec's OU (the NodeOU role)
     */
    static X500Name subject(NodeSpec ca, String org, List<String> extraOus, String commonName) {
        List<RDN> rdns = new ArrayList<>();
        add(rdns, BCStyle.C, List.of(or(ca.country(), "US")));
        add(rdns, BCStyle.ST, List.of(or(ca.province(), "California")));
        add(rdns, BCStyle.L, List.of(or(ca.locality(), "San Francisco")));
        add(rdns, BCStyle.STREET, present(ca.streetAddress()));
        add(rdns, BCStyle.POSTAL_CODE, present(ca.postalCode()));
        add(rdns, BCStyle.O, present(org));
        List<String> ous = new ArrayList<>(present(ca.organizationalUnit()));
        ous.addAll(extraOus);
        add(rdns, BCStyle.OU, ous);
        add(rdns, BCStyle.CN, present(commonName));
        return new X500Name(rdns.toArray(RDN[]::new));
    }

    private static void add(List<RDN> rdns, ASN1ObjectIdentifier type, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        AttributeTypeAndValue[] atvs = values.stream().map(v -> new AttributeTypeAndValue(type, value(v)))
                .toArray(AttributeTypeAndValue[]::new);
        rdns.add(new RDN(atvs));
    }

    private static ASN1Encodable value(String v) {
        return printable(v) ? new DERPrintableString(v) : new DERUTF8String(v);
    }

    // Go's asn1 isPrintable without '*' and '&'
    private static boolean printable(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || " '()+,-./:=?".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<String> present(String v) {
        return v.isEmpty() ? List.of() : List.of(v);
    }

    private static String or(String v, String def) {
        return v.isEmpty() ? def : v;
    }
}
