package io.weft.runtime.cli.lifecycle;

import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.options.OutputFormatOption;
import io.weft.runtime.cli.options.TargetPeerOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode queryinstalled}: _lifecycle QueryInstalledChaincodes. */
@Command(name = "queryinstalled", description = "List the chaincode packages installed on a peer.")
public final class LifecycleQueryInstalledCommand extends LifecyclePeerCommand {

    @Mixin
    private TargetPeerOption targetPeer;

    @Mixin
    private OutputFormatOption output;

    public LifecycleQueryInstalledCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        // no flag to check before the query
    }

    @Override
    void call(EndorserClient endorser) {
        QueryInstalledChaincodesResult result = payload(send(endorser, "", "QueryInstalledChaincodes",
                QueryInstalledChaincodesArgs.getDefaultInstance(), "query failed"), QueryInstalledChaincodesResult.parser());
        if (printedAsJson(output.output(), result)) {
            return;
        }
        StringBuilder out = new StringBuilder("Installed chaincodes on peer:\n");
        for (QueryInstalledChaincodesResult.InstalledChaincode c : result.getInstalledChaincodesList()) {
            out.append("Package ID: ").append(c.getPackageId()).append(", Label: ").append(c.getLabel()).append('\n');
        }
        context().out().print(out);
    }
}
