package io.weft.core.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.weft.comm.TlsCa;

/** Fabric's chaincode authenticator: a chaincode registers only with the certificate issued for its name. */
class ChaincodeAuthenticatorTest {

    final AtomicLong now = new AtomicLong();
    final TlsCa ca = TlsCa.generate();
    final ChaincodeAuthenticator authenticator = new ChaincodeAuthenticator(ca, now::get);

    static ChaincodeMessage register(String name) {
        return ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTER)
                .setPayload(ChaincodeID.newBuilder().setName(name).build().toByteString()).build();
    }

    @Test
    void theCertificateIssuedForAChaincodeRegistersItAndOnlyIt() {
        TlsCa.CertKeyPair kv = authenticator.generate("kv_1:abc");
        assertThat(kv.certificate().getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(authenticator.authenticate(register("kv_1:abc"), kv.certificate())).isNull();
        assertThat(authenticator.authenticate(register("other:def"), kv.certificate()))
                .startsWith("Chaincode other:def with given certificate hash [")
                .endsWith("] belongs to a different chaincode");
    }

    @Test
    void aCertificateTheAuthenticatorDidNotIssueIsRefused() {
        String refused = authenticator.authenticate(register("kv"), ca.newClientCertKeyPair().certificate());
        assertThat(refused).matches("Chaincode kv with given certificate hash \\[(\\d{1,3} ){31}\\d{1,3}] "
                + "not found in registry");
    }

    @Test
    void noCertificateOrAFirstMessageOtherThanRegisterIsRefusedInFabricsWords() {
        assertThat(authenticator.authenticate(register("kv"), null))
                .isEqualTo("TLS is active but chaincode kv didn't send certificate");
        assertThat(authenticator.authenticate(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.PUT_STATE)
                .build(), authenticator.generate("kv").certificate())).isEqualTo("First message needs to be a register");
        assertThat(authenticator.authenticate(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTER)
                .setPayload(ByteString.copyFromUtf8("\u00ff\u00ff")).build(), null)).isNotNull();
    }

    @Test
    void anIssuedCertificateRegistersForTenMinutesOnly() {
        TlsCa.CertKeyPair kv = authenticator.generate("kv");
        now.addAndGet(ChaincodeAuthenticator.TTL.toNanos() - 1);
        assertThat(authenticator.authenticate(register("kv"), kv.certificate())).isNull();
        now.addAndGet(1);
        assertThat(authenticator.authenticate(register("kv"), kv.certificate())).endsWith("not found in registry");
    }
}
