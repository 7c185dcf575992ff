package io.weft.runtime.it.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Set;
import java.util.stream.Stream;

import org.hyperledger.fabric.sdk.Enrollment;
import org.hyperledger.fabric.sdk.User;

import io.weft.comm.PemFiles;

/** An SDK user read from a cryptogen MSP folder: the certificate in {@code signcerts}, the key in {@code keystore}. */
final class MspUser implements User {

    private final String name;
    private final String mspId;
    private final Enrollment enrollment;

    private MspUser(String name, String mspId, Enrollment enrollment) {
        this.name = name;
        this.mspId = mspId;
        this.enrollment = enrollment;
    }

    static MspUser load(Path msp, String name, String mspId) throws IOException {
        String cert = Files.readString(onlyFile(msp.resolve("signcerts")));
        PrivateKey key = PemFiles.privateKey(onlyFile(msp.resolve("keystore")));
        return new MspUser(name, mspId, new Enrollment() {
            @Override
            public PrivateKey getKey() {
                return key;
            }

            @Override
            public String getCert() {
                return cert;
            }
        });
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findFirst().orElseThrow(() -> new IOException("nothing in " + dir));
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getRoles() {
        return Set.of();
    }

    @Override
    public String getAccount() {
        return "";
    }

    @Override
    public String getAffiliation() {
        return "";
    }

    @Override
    public Enrollment getEnrollment() {
        return enrollment;
    }

    @Override
    public String getMspId() {
        return mspId;
    }
}
