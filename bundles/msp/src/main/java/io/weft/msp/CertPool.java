package io.weft.msp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.weft.bccsp.internal.ByteKey;

/** Go's {@code x509.CertPool}: certificates indexed by subject, identical ones stored once. */
final class CertPool {

    private final Map<ByteKey, List<ParsedCert>> bySubject = new HashMap<>();
    private final Set<ByteKey> raws = new HashSet<>();

    CertPool(Collection<ParsedCert> certs) {
        for (ParsedCert c : certs) {
            if (raws.add(ByteKey.of(c.raw))) {
                bySubject.computeIfAbsent(ByteKey.of(c.rawSubject), k -> new ArrayList<>()).add(c);
            }
        }
    }

    boolean contains(ParsedCert c) {
        return raws.contains(ByteKey.of(c.raw));
    }

    /** Candidates whose subject is the certificate's issuer, best key-identifier match first. */
    List<ParsedCert> potentialParents(ParsedCert child) {
        List<ParsedCert> named = bySubject.get(ByteKey.of(child.rawIssuer));
        if (named == null) {
            return List.of();
        }
        List<ParsedCert> matching = new ArrayList<>();
        List<ParsedCert> oneKeyId = new ArrayList<>();
        List<ParsedCert> mismatch = new ArrayList<>();
        byte[] aki = child.authorityKeyId == null ? new byte[0] : child.authorityKeyId;
        for (ParsedCert c : named) {
            byte[] ski = c.subjectKeyId == null ? new byte[0] : c.subjectKeyId;
            if (Arrays.equals(ski, aki)) {
                matching.add(c);
            } else if (ski.length == 0 && aki.length > 0 || ski.length > 0 && aki.length == 0) {
                oneKeyId.add(c);
            } else {
                mismatch.add(c);
            }
        }
        List<ParsedCert> out = new ArrayList<>(matching);
        out.addAll(oneKeyId);
        out.addAll(mismatch);
        return out;
    }
}
