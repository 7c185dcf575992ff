package io.weft.core.endorser;

import java.util.function.Predicate;

import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.core.chaincode.ChaincodeException;
import io.weft.core.chaincode.ChaincodeSupport;
import io.weft.core.endorser.Endorser.ChaincodeTarget;
import io.weft.core.endorser.Endorser.UserChaincodes;
import io.weft.ledger.txmgr.TxSimulator;
import io.weft.lifecycle.LegacyLifecycle;

/**
 * The second half of a legacy deploy or upgrade (Fabric's endorser does it after lscc answered): the deployed
 * chaincode's {@code Init} runs, as {@code name:version}, in the simulation lscc wrote its {@code ChaincodeData} in,
 * so a failing {@code Init} fails the whole proposal.
 */
final class LegacyInit {

    private final Predicate<String> systemChaincode;
    private final UserChaincodes chaincodes;

    LegacyInit(Predicate<String> systemChaincode, UserChaincodes chaincodes) {
        this.systemChaincode = systemChaincode;
        this.chaincodes = chaincodes;
    }

    /** Whether {@code input} asks lscc to deploy or upgrade (Fabric's test: at least three arguments). */
    static boolean isDeployOrUpgrade(String chaincode, ChaincodeInput input) {
        if (!LegacyLifecycle.NAMESPACE.equals(chaincode) || input.getArgsCount() < 3) {
            return false;
        }
        String function = input.getArgs(0).toStringUtf8();
        return function.equals("deploy") || function.equals("upgrade");
    }

    /**
     * Runs the {@code Init} of the chaincode the deployment spec in {@code input} names; its response is not kept.
     *
     * @throws ChaincodeException Fabric's reason, which the endorser reports after {@code error in simulation: }
     */
    void run(UnpackedProposal up, ChaincodeInput input, TxSimulator simulator) {
        ChaincodeDeploymentSpec cds;
        try {
            cds = ChaincodeDeploymentSpec.parseFrom(input.getArgs(2));
        } catch (InvalidProtocolBufferException e) {
            throw new ChaincodeException("error unmarshalling ChaincodeDeploymentSpec: " + e.getMessage());
        }
        String name = cds.getChaincodeSpec().getChaincodeId().getName();
        String version = cds.getChaincodeSpec().getChaincodeId().getVersion();
        if (systemChaincode.test(name)) {
            throw new ChaincodeException("attempting to deploy a system chaincode " + name + "/" + up.channelId());
        }
        if (!cds.getCodePackage().isEmpty()) {
            throw new ChaincodeException("lscc upgrade/deploy should not include a code packages");
        }
        ChaincodeMessage answer = chaincodes.executeAndWait(up.channelId(), up.txId(),
                new ChaincodeTarget(name, name + ":" + version, true), cds.getChaincodeSpec().getInput(),
                up.signedProposal(), simulator);
        ChaincodeSupport.response(answer, up.txId());
    }
}
