package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weft.testing.FabricVectors;

/**
 * {@code peer channel join|list|getinfo} against a running peer whose local MSP is Org1's: the proposals go through
 * the Endorser service to the cscc and qscc bundles, with Fabric's ACLs (joining needs a local admin) and lines.
 */
class ChannelCliIT {

    @TempDir
    Path work;

    private static Map<String, String> cli(PeerProcess peer, Path msp) {
        Map<String, String> env = new HashMap<>(peer.env());
        env.put("CORE_PEER_MSPCONFIGPATH", msp.toString());
        env.put("CORE_PEER_LOCALMSPID", "Org1MSP");
        return env;
    }

    private static org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope configUpdate(java.nio.file.Path file)
            throws Exception {
        var envelope = org.hyperledger.fabric.protos.common.Envelope.parseFrom(java.nio.file.Files.readAllBytes(file));
        return org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope.parseFrom(
                org.hyperledger.fabric.protos.common.Payload.parseFrom(envelope.getPayload()).getData());
    }

    @Test
    void anAdminJoinsMychannelAndAnyMemberListsAndReadsIt() throws Exception {
        try (PeerProcess peer = new PeerProcess(work)
                .env("CORE_PEER_MSPCONFIGPATH", Vectors.org1PeerMsp().toString())
                .env("CORE_PEER_LOCALMSPID", "Org1MSP")
                .start().awaitHealthy(Duration.ofSeconds(60))) {
            Map<String, String> admin = cli(peer, Vectors.org1UserMsp("Admin"));
            Map<String, String> user = cli(peer, Vectors.org1UserMsp("User1"));
            String block = FabricVectors.root().resolve("mychannel.block").toString();

            PeerCli.Result refused = PeerCli.run(user, work, "channel", "join", "-b", block);
            assertThat(refused.exitCode()).as("%s", refused).isEqualTo(1);
            assertThat(refused.err()).contains("Error: proposal failed (err: ").contains("access denied");

            PeerCli.Result join = PeerCli.run(admin, work, "channel", "join", "-b", block);
            assertThat(join.exitCode()).as("%s", join).isZero();
            assertThat(join.err()).contains("Successfully submitted proposal to join channel");

            PeerCli.Result again = PeerCli.run(admin, work, "channel", "join", "-b", block);
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("Error: proposal failed (err: bad proposal response 500: ")
                    .contains("already exists");

            PeerCli.Result list = PeerCli.run(user, work, "channel", "list");
            assertThat(list.exitCode()).as("%s", list).isZero();
            assertThat(list.out()).isEqualTo("Channels peers has joined: \nmychannel\n");

            PeerCli.Result info = PeerCli.run(user, work, "channel", "getinfo", "-c", "mychannel");
            assertThat(info.exitCode()).as("%s", info).isZero();
            assertThat(info.out()).startsWith("Blockchain info: {\"height\":1,\"currentBlockHash\":\"")
                    .doesNotContain("previousBlockHash");

            PeerCli.Result unknown = PeerCli.run(user, work, "channel", "getinfo", "-c", "nochannel");
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).startsWith("Error: received bad response, status 500: ");

            // _lifecycle's queries on the joined channel, before any chaincode is approved or committed
            PeerCli.Result readiness = PeerCli.run(admin, work, "lifecycle", "chaincode", "checkcommitreadiness",
                    "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1",
                    "--signature-policy", "OR('Org1MSP.peer','Org2MSP.peer')");
            assertThat(readiness.out()).as("%s", readiness).isEqualTo("Chaincode definition for chaincode 'basic', "
                    + "version '1.0', sequence '1' on channel 'mychannel' approval status by org:\n"
                    + "Org1MSP: false\nOrg2MSP: false\n");
            PeerCli.Result readinessJson = PeerCli.run(admin, work, "lifecycle", "chaincode", "checkcommitreadiness",
                    "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1",
                    "--signature-policy", "OR('Org1MSP.peer','Org2MSP.peer')", "-O", "json");
            assertThat(readinessJson.out()).as("%s", readinessJson).isEqualTo(
                    "{\n\t\"approvals\": {\n\t\t\"Org1MSP\": false,\n\t\t\"Org2MSP\": false\n\t}\n}\n");
            PeerCli.Result both = PeerCli.run(admin, work, "lifecycle", "chaincode", "checkcommitreadiness",
                    "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1", "--signature-policy",
                    "OR('Org1MSP.peer')", "--channel-config-policy", "/Channel/Application/Endorsement");
            assertThat(both.err()).isEqualTo(
                    "Error: cannot specify both \"--signature-policy\" and \"--channel-config-policy\"\n");
            PeerCli.Result approved = PeerCli.run(admin, work, "lifecycle", "chaincode", "queryapproved",
                    "-C", "mychannel", "-n", "basic");
            assertThat(approved.err()).isEqualTo("Error: query failed with status: 500 - failed to invoke backing "
                    + "implementation of 'QueryApprovedChaincodeDefinition': could not fetch approved chaincode "
                    + "definition (name: 'basic', sequence: '0') on channel 'mychannel'\n");
            PeerCli.Result committed = PeerCli.run(user, work, "lifecycle", "chaincode", "querycommitted",
                    "-C", "mychannel");
            assertThat(committed.out()).as("%s", committed)
                    .isEqualTo("Committed chaincode definitions on channel 'mychannel':\n");
            assertThat(PeerCli.run(user, work, "lifecycle", "chaincode", "querycommitted", "-C", "mychannel",
                    "--output", "json").out()).isEqualTo("{}\n");
            PeerCli.Result one = PeerCli.run(user, work, "lifecycle", "chaincode", "querycommitted",
                    "-C", "mychannel", "-n", "basic");
            assertThat(one.err()).isEqualTo("Error: query failed with status: 404 - namespace basic is not defined\n");

            // the legacy verbs that need no orderer: a query (here of qscc, as Fabric allows) and lscc's lists
            PeerCli.Result query = PeerCli.run(user, work, "chaincode", "query", "-C", "mychannel", "-n", "qscc",
                    "-c", "{\"Args\":[\"GetChainInfo\",\"mychannel\"]}", "--hex");
            assertThat(query.exitCode()).as("%s", query).isZero();
            assertThat(org.hyperledger.fabric.protos.common.BlockchainInfo.parseFrom(
                    java.util.HexFormat.of().parseHex(query.out().strip())).getHeight()).isEqualTo(1);
            PeerCli.Result undefined = PeerCli.run(user, work, "chaincode", "query", "-C", "mychannel", "-n",
                    "nosuch", "-c", "{\"function\":\"get\",\"Args\":[\"k\"]}");
            assertThat(undefined.err()).as("%s", undefined)
                    .startsWith("Error: endorsement failure during query. response: status:500 message:\"");
            // fetch without -o reads the peer's Deliver service; Fabric's file names
            PeerCli.Result fetched = PeerCli.run(user, work, "channel", "fetch", "config", "-c", "mychannel");
            assertThat(fetched.exitCode()).as("%s", fetched).isZero();
            assertThat(fetched.err()).contains("Retrieving last config block: 0").contains("Received block: 0");
            // the block as the peer stored it: the genesis block, its TRANSACTIONS_FILTER now set
            var genesis = org.hyperledger.fabric.protos.common.Block.parseFrom(
                    java.nio.file.Files.readAllBytes(FabricVectors.root().resolve("mychannel.block")));
            var config = org.hyperledger.fabric.protos.common.Block.parseFrom(
                    java.nio.file.Files.readAllBytes(work.resolve("mychannel_config.block")));
            assertThat(config.getHeader()).isEqualTo(genesis.getHeader());
            assertThat(config.getData()).isEqualTo(genesis.getData());
            PeerCli.Result named = PeerCli.run(user, work, "channel", "fetch", "0", "genesis.pb", "-c", "mychannel");
            assertThat(named.exitCode()).as("%s", named).isZero();
            assertThat(work.resolve("genesis.pb")).hasSameBinaryContentAs(work.resolve("mychannel_config.block"));

            // signconfigtx needs no peer: Org1's admin adds a signature to the vectors' anchor peer update, in place
            java.nio.file.Path anchors = java.nio.file.Files.copy(FabricVectors.root().resolve("Org1MSPanchors.tx"),
                    work.resolve("anchors.tx"));
            var before = configUpdate(anchors);
            PeerCli.Result signed = PeerCli.run(admin, work, "channel", "signconfigtx", "-f", "anchors.tx");
            assertThat(signed.exitCode()).as("%s", signed).isZero();
            var after = configUpdate(anchors);
            assertThat(after.getConfigUpdate()).isEqualTo(before.getConfigUpdate());
            assertThat(after.getSignaturesCount()).isEqualTo(before.getSignaturesCount() + 1);
            var added = after.getSignatures(after.getSignaturesCount() - 1);
            var adminId = io.weft.msp.Msps.loadLocal(io.weft.msp.LocalMspSettings.of(Vectors.org1UserMsp("Admin"),
                    "Org1MSP")).signingIdentity();
            assertThat(org.hyperledger.fabric.protos.common.SignatureHeader.parseFrom(added.getSignatureHeader())
                    .getCreator()).isEqualTo(adminId.serialize());
            PeerCli.Result notAnUpdate = PeerCli.run(admin, work, "channel", "signconfigtx", "-f", block);
            assertThat(notAnUpdate.err()).as("%s", notAnUpdate).isEqualTo("Error: Invalid channel create transaction : "
                    + "bad header\n");

            PeerCli.Result installed = PeerCli.run(admin, work, "chaincode", "list", "--installed");
            assertThat(installed.out()).as("%s", installed).isEqualTo("Get installed chaincodes on peer:\n");
            PeerCli.Result instantiated = PeerCli.run(user, work, "chaincode", "list", "--instantiated", "-C",
                    "mychannel");
            assertThat(instantiated.out()).as("%s", instantiated)
                    .isEqualTo("Get instantiated chaincodes on channel mychannel:\n");
        }
    }
}
