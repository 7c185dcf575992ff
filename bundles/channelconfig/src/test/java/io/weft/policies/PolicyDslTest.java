package io.weft.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.junit.jupiter.api.Test;

import io.weft.testing.FabricVectors;

class PolicyDslTest {

    private static SignaturePolicyEnvelope fromBlock(String org, String policy) throws Exception {
        ConfigGroup app = io.weft.channelconfig.ConfigBlocks.fromBlock(io.weft.testing.Signers.block("mychannel.block")).envelope().getConfig().getChannelGroup()
                .getGroupsOrThrow("Application").getGroupsOrThrow(org);
        Policy p = app.getPoliciesOrThrow(policy).getPolicy();
        assertThat(p.getType()).isEqualTo(Policy.PolicyType.SIGNATURE_VALUE);
        return SignaturePolicyEnvelope.parseFrom(p.getValue());
    }

    @Test
    void encodingsAreByteEqualToWhatFabricPutInMychannelBlock() throws Exception {
        // The rules of configtx.yaml that configtxgen compiled with Fabric's FromString.
        assertThat(PolicyDsl.parse("OR('Org1MSP.peer')").toByteString())
                .isEqualTo(fromBlock("Org1MSP", "Endorsement").toByteString());
        assertThat(PolicyDsl.parse("OR('Org1MSP.admin', 'Org1MSP.peer', 'Org1MSP.client')").toByteString())
                .isEqualTo(fromBlock("Org1MSP", "Readers").toByteString());
        assertThat(PolicyDsl.parse("OR('Org2MSP.admin', 'Org2MSP.client')").toByteString())
                .isEqualTo(fromBlock("Org2MSP", "Writers").toByteString());
        assertThat(PolicyDsl.parse("OR(\"Org2MSP.admin\")").toByteString())
                .isEqualTo(fromBlock("Org2MSP", "Admins").toByteString());
    }

    @Test
    void andOfTwoOrgs() {
        SignaturePolicyEnvelope env = PolicyDsl.parse("AND('A.member','B.member')");
        assertThat(env.getVersion()).isZero();
        assertThat(env.getIdentitiesList()).containsExactly(role("A", MSPRole.MSPRoleType.MEMBER),
                role("B", MSPRole.MSPRoleType.MEMBER));
        assertThat(env.getRule()).isEqualTo(outOf(2, signedBy(0), signedBy(1)));
        // Hand-checked wire bytes of Fabric's proto.Marshal for this envelope's rule.
        assertThat(env.getRule().toByteArray()).containsExactly(0x12, 0x0a, 0x08, 0x02, 0x12, 0x02, 0x08, 0x00,
                0x12, 0x02, 0x08, 0x01);
    }

    @Test
    void nestedGatesAreNumberedBeforeTheGatesOwnPrincipals() {
        SignaturePolicyEnvelope env = PolicyDsl.parse("OR('A.member', AND('B.admin', 'C.peer'), outof(1, 'D.client', 'A.member'))");
        assertThat(env.getIdentitiesList()).containsExactly(
                role("B", MSPRole.MSPRoleType.ADMIN), role("C", MSPRole.MSPRoleType.PEER),
                role("D", MSPRole.MSPRoleType.CLIENT), role("A", MSPRole.MSPRoleType.MEMBER),
                role("A", MSPRole.MSPRoleType.MEMBER));
        assertThat(env.getRule()).isEqualTo(outOf(1, signedBy(4), outOf(2, signedBy(0), signedBy(1)),
                outOf(1, signedBy(2), signedBy(3))));
    }

    @Test
    void repeatedPrincipalsAreNotDeduplicatedLikeFabric() {
        SignaturePolicyEnvelope env = PolicyDsl.parse("OutOf(2, 'A.member', 'A.member')");
        assertThat(env.getIdentitiesCount()).isEqualTo(2);
        assertThat(env.getRule()).isEqualTo(outOf(2, signedBy(0), signedBy(1)));
    }

    @Test
    void allGateSpellingsRolesAndDottedMspIds() {
        SignaturePolicyEnvelope env = PolicyDsl.parse("and(Or('org.one-x.orderer'), OUTOF(1, \"B.peer\"), or('C.client'))");
        assertThat(env.getIdentities(0)).isEqualTo(role("org.one-x", MSPRole.MSPRoleType.ORDERER));
        assertThat(env.getRule().getNOutOf().getN()).isEqualTo(3);
    }

    @Test
    void thresholdMayBeZeroOrOneAboveTheOperandCountAsInFabric() {
        assertThat(PolicyDsl.parse("OutOf(0, 'A.member')").getRule().getNOutOf().getN()).isZero();
        assertThat(PolicyDsl.parse("OutOf(2, 'A.member')").getRule().getNOutOf().getN()).isEqualTo(2);
        assertThatThrownBy(() -> PolicyDsl.parse("OutOf(3, 'A.member')"))
                .hasMessage("invalid t-out-of-n predicate, t 3, n 1");
        assertThatThrownBy(() -> PolicyDsl.parse("OutOf(-1, 'A.member')"))
                .hasMessage("invalid t-out-of-n predicate, t -1, n 1");
    }

    @Test
    void errorsUseFabricsMessages() {
        assertThatThrownBy(() -> PolicyDsl.parse("OutOf(1)"))
                .hasMessage("expected at least two arguments to NOutOf. Given 1");
        assertThatThrownBy(() -> PolicyDsl.parse("AND()"))
                .hasMessage("expected at least two arguments to NOutOf. Given 1");
        assertThatThrownBy(() -> PolicyDsl.parse("OR('A.guest')"))
                .hasMessage("unrecognized token 'A.guest' in policy string");
        assertThatThrownBy(() -> PolicyDsl.parse("OR(foo)"))
                .hasMessage("unrecognized token 'foo' in policy string");
        assertThatThrownBy(() -> PolicyDsl.parse("OR('A.member', '2')"))
                .hasMessage("unrecognized type, expected a principal or a policy, got float64");
        assertThatThrownBy(() -> PolicyDsl.parse("OR('A.member', 2)")).hasMessage("unexpected type float64");
        assertThatThrownBy(() -> PolicyDsl.parse("XOR('A.member')"))
                .hasMessage("unrecognized token 'XOR' in policy string");
        assertThatThrownBy(() -> PolicyDsl.parse("'A.member'"))
                .hasMessage("invalid policy string ''A.member''");
        assertThatThrownBy(() -> PolicyDsl.parse("OR('A.member'"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyDsl.parse("OR('A.member') junk"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static MSPPrincipal role(String msp, MSPRole.MSPRoleType type) {
        return MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(msp).setRole(type).build().toByteString()).build();
    }

    static SignaturePolicy signedBy(int i) {
        return SignaturePolicy.newBuilder().setSignedBy(i).build();
    }

    /**
     * Fabric's FromString compiles the string with expr-lang three times; the parser refuses more than 10,000 AST
     * nodes, and the last compile ({@code outof(ID, n, ...)}) has four nodes per gate and one per principal.
     */
    @Test
    void sizeIsBoundedByExprsNodeBudget() {
        String principals = String.join(",", java.util.Collections.nCopies(DslParser.MAX_NODES - 4, "'Org1MSP.peer'"));
        assertThat(PolicyDsl.parse("OR(" + principals + ")").getIdentitiesCount()).isEqualTo(9996); // 10,000 nodes
        assertThatThrownBy(() -> PolicyDsl.parse("OR(" + principals + ",'Org2MSP.peer')"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compilation failed: expression exceeds maximum allowed nodes");
        // OutOf's threshold is one of its gate's four nodes
        String outOf = String.join(",", java.util.Collections.nCopies(DslParser.MAX_NODES - 4, "'Org1MSP.peer'"));
        assertThat(PolicyDsl.parse("OutOf(1," + outOf + ")").getIdentitiesCount()).isEqualTo(9996);
    }

    /**
     * Nesting is bounded so that a deep string cannot overflow the stack: a 10,000-deep policy is refused with an
     * IllegalArgumentException, not a StackOverflowError (Fabric refuses it by the node budget).
     */
    @Test
    void nestingIsBoundedWithoutStackOverflow() {
        int deepest = DslParser.MAX_DEPTH;
        SignaturePolicyEnvelope deep = PolicyDsl.parse("OR(".repeat(deepest) + "'Org1MSP.peer'" + ")".repeat(deepest));
        int depth = 0;
        for (SignaturePolicy r = deep.getRule(); r.hasNOutOf(); r = r.getNOutOf().getRules(0)) {
            depth++;
        }
        assertThat(depth).isEqualTo(deepest);
        assertThat(deep.toByteString().size()).isPositive();
        assertThatThrownBy(() -> PolicyDsl.parse("OR(".repeat(deepest + 1) + "'Org1MSP.peer'" + ")".repeat(deepest + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("policy string nests gates more than 100 deep");
        assertThatThrownBy(() -> PolicyDsl.parse("OR(".repeat(10_000) + "'Org1MSP.peer'" + ")".repeat(10_000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static SignaturePolicy outOf(int n, SignaturePolicy... rules) {
        return SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n).addAllRules(List.of(rules))).build();
    }
}
