package io.weft.protoutil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.List;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.weft.api.identity.SigningIdentity;

/** Fabric's CreateSignedTx: the envelope's structure, its signature, and the refusals with Fabric's messages. */
class TransactionsTest {

    /** An identity with a fresh P-256 key; {@link #serialize()} is a stand-in the header names. */
    static final class Signer implements SigningIdentity {
        final KeyPair keys;
        final ByteString id;

        Signer(String id) throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            this.keys = g.generateKeyPair();
            this.id = ByteString.copyFromUtf8(id);
        }

        @Override
        public String mspId() {
            return "Org1MSP";
        }

        @Override
        public ByteString serialize() {
            return id;
        }

        @Override
        public byte[] sign(byte[] message) {
            try {
                Signature s = Signature.getInstance("SHA256withECDSA");
                s.initSign(keys.getPrivate());
                s.update(message);
                return s.sign();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static ProposalResponse response(int status, String payload, String endorser) {
        return ProposalResponse.newBuilder().setResponse(Response.newBuilder().setStatus(status).setMessage("m"))
                .setPayload(ByteString.copyFromUtf8(payload))
                .setEndorsement(Endorsement.newBuilder().setEndorser(ByteString.copyFromUtf8(endorser))).build();
    }

    @Test
    void theEnvelopeCarriesTheEndorsedActionWithoutTheTransientMapSignedByTheCreator() throws Exception {
        Signer client = new Signer("client");
        Proposal proposal = Proposals.create(HeaderType.ENDORSER_TRANSACTION_VALUE, "ch",
                org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec.getDefaultInstance(), client.serialize())
                .toBuilder().setPayload(ChaincodeProposalPayload.newBuilder()
                        .putTransientMap("secret", ByteString.copyFromUtf8("s")).build().toByteString())
                .build();

        Envelope env = Transactions.createSignedTx(proposal, client,
                List.of(response(200, "prp", "peer1"), response(200, "prp", "peer2")));

        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(client.keys.getPublic());
        verify.update(env.getPayload().toByteArray());
        assertThat(verify.verify(env.getSignature().toByteArray())).isTrue();
        Payload payload = Payload.parseFrom(env.getPayload());
        assertThat(payload.getHeader()).isEqualTo(Header.parseFrom(proposal.getHeader()));
        Transaction tx = Transaction.parseFrom(payload.getData());
        assertThat(tx.getActionsCount()).isEqualTo(1);
        assertThat(tx.getActions(0).getHeader()).isEqualTo(payload.getHeader().getSignatureHeader());
        ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
        assertThat(ChaincodeProposalPayload.parseFrom(cap.getChaincodeProposalPayload()).getTransientMapMap()).isEmpty();
        assertThat(cap.getAction().getProposalResponsePayload().toStringUtf8()).isEqualTo("prp");
        assertThat(cap.getAction().getEndorsementsList()).extracting(e -> e.getEndorser().toStringUtf8())
                .containsExactly("peer1", "peer2");
    }

    @Test
    void refusalsAreFabrics() throws Exception {
        Signer client = new Signer("client");
        Proposal proposal = Proposals.create(HeaderType.ENDORSER_TRANSACTION_VALUE, "ch",
                org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec.getDefaultInstance(), client.serialize());
        assertThatThrownBy(() -> Transactions.createSignedTx(proposal, client, List.of()))
                .hasMessage("at least one proposal response is required");
        assertThatThrownBy(() -> Transactions.createSignedTx(proposal, new Signer("other"), List.of(response(200, "p", "e"))))
                .hasMessage("signer must be the same as the one referenced in the header");
        assertThatThrownBy(() -> Transactions.createSignedTx(proposal, client, List.of(response(500, "p", "e"))))
                .hasMessage("proposal response was not successful, error code 500, msg m");
        assertThatThrownBy(() -> Transactions.createSignedTx(proposal, client,
                List.of(response(200, "a", "e1"), response(200, "b", "e2"))))
                .hasMessage("ProposalResponsePayloads do not match");
    }
}
