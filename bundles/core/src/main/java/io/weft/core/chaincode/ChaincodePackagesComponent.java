package io.weft.core.chaincode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.weft.api.chaincode.ChaincodePackages;
import io.weft.config.PeerConfigurations;
import io.weft.core.chaincode.launch.Builds;
import io.weft.core.chaincode.launch.ExternalBuilder;
import io.weft.lifecycle.legacy.LegacyPackages;
import io.weft.lifecycle.packages.ChaincodePackageStore;

/**
 * The peer's package store ({@code <peer.fileSystemPath>/lifecycle/chaincodes}) and builds
 * ({@code <peer.fileSystemPath>/externalbuilder/builds}, with {@code chaincode.externalBuilders}), offered to
 * {@code _lifecycle} as {@link ChaincodePackages} and to chaincode support as {@link LocalPackages}.
 */
@Component(service = {ChaincodePackages.class, LocalPackages.class}, configurationPid = PeerConfigurations.CHAINCODE_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ChaincodePackagesComponent extends LocalPackages {

    /** From core.yaml, through the chaincode PID. */
    public @interface Config {
        String fileSystemPath();

        boolean devMode() default false;

        String[] externalBuilders_names() default {};

        String[] externalBuilders_paths() default {};

        String[] externalBuilders_propagateEnvironment() default {};
    }

    @Activate
    public ChaincodePackagesComponent(Config config) throws IOException {
        super(ChaincodePackageStore.forPeer(Path.of(config.fileSystemPath())),
                new Builds(Path.of(config.fileSystemPath(), "externalbuilder", "builds"), builders(config)),
                config.devMode(), LegacyPackages.open(Path.of(config.fileSystemPath(), "chaincodes")));
    }

    static List<ExternalBuilder> builders(Config config) {
        List<ExternalBuilder> out = new ArrayList<>();
        String[] names = config.externalBuilders_names();
        String[] paths = config.externalBuilders_paths();
        String[] envs = config.externalBuilders_propagateEnvironment();
        for (int i = 0; i < names.length && i < paths.length; i++) {
            List<String> env = i < envs.length && !envs[i].isEmpty() ? Arrays.asList(envs[i].split(",")) : List.of();
            out.add(new ExternalBuilder(names[i], Path.of(paths[i]), env));
        }
        return out;
    }
}
