package io.weft.scc.lscc;

import java.io.IOException;
import java.nio.file.Path;

import org.hyperledger.fabric.protos.peer.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.weft.api.channel.PeerChannels;
import io.weft.api.scc.SccInvocation;
import io.weft.api.scc.SystemChaincode;
import io.weft.config.PeerConfigurations;
import io.weft.lifecycle.legacy.LegacyPackages;

/**
 * {@code lscc} as a service: the peer's channels and the legacy install directory
 * {@code <peer.fileSystemPath>/chaincodes}, located through the chaincode configuration the package store reads.
 */
@Component(service = SystemChaincode.class, property = SystemChaincode.NAME_PROPERTY + "=" + Lscc.NAME,
        configurationPid = PeerConfigurations.CHAINCODE_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class LsccComponent implements SystemChaincode {

    /** From core.yaml, through the chaincode PID. */
    public @interface Config {
        String fileSystemPath();
    }

    private final Lscc scc;

    @Activate
    public LsccComponent(Config config, @Reference(name = "channels") PeerChannels channels) throws IOException {
        this.scc = new Lscc(channels, LegacyPackages.open(Path.of(config.fileSystemPath(), "chaincodes")));
    }

    @Override
    public Response invoke(SccInvocation invocation) {
        return scc.invoke(invocation);
    }
}
