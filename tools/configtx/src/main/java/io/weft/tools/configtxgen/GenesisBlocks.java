package io.weft.tools.configtxgen;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import io.weft.protoutil.BlockHashes;
import io.weft.protoutil.Envelopes;
import io.weft.protoutil.TxIds;
import io.weft.tools.configtxgen.Configtx.Organization;
import io.weft.tools.configtxgen.Configtx.Profile;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * Genesis blocks as configtxgen's {@code -outputBlock} makes them (Fabric's genesis factory): block 0 with
 * one unsigned CONFIG envelope holding the whole config, and last-config metadata pointing at itself.
 */
public final class GenesisBlocks {

    /** Fabric stamps genesis channel headers with message version 1 (config updates use 0). */
    private static final int GENESIS_MSG_VERSION = 1;
    private static final int METADATA_SLOTS = 5; // SIGNATURES .. COMMIT_HASH

    private GenesisBlocks() {
    }

    /**
     * The genesis block of {@code channelId} for a profile: an application channel (orderer and
     * application sections) or a legacy system channel (orderer and consortiums).
     */
    public static Block create(Profile profile, String channelId) throws ConfigtxgenException {
        for (Organization org : allOrgs(profile)) {
            if (org.skipAsForeign()) {
                throw new ConfigtxgenException("could not create bootstrapper: all org definitions must be local "
                        + "during bootstrapping: organization '" + org.name() + "' is marked to be skipped as foreign");
            }
        }
        ConfigGroup channelGroup;
        try {
            channelGroup = ChannelGroups.channel(profile);
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("could not create bootstrapper: could not create channel group: "
                    + e.getMessage(), e);
        }
        if (profile.orderer() == null) {
            throw new ConfigtxgenException("refusing to generate block which is missing orderer section");
        }
        if (profile.consortiums() == null && profile.application() == null) {
            throw new ConfigtxgenException(
                    "refusing to generate application channel block which is missing application section");
        }
        return create(channelGroup, channelId);
    }

    /** The genesis block of {@code channelId} carrying an already encoded channel group. */
    public static Block create(ConfigGroup channelGroup, String channelId) {
        ByteString nonce = Envelopes.nonce();
        ChannelHeader ch = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_VALUE)
                .setVersion(GENESIS_MSG_VERSION)
                .setTimestamp(nowSeconds())
                .setChannelId(channelId)
                .setEpoch(0)
                .setTxId(TxIds.compute(nonce, ByteString.EMPTY))
                .build();
        SignatureHeader sh = SignatureHeader.newBuilder().setNonce(nonce).build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(ch.toByteString())
                        .setSignatureHeader(sh.toByteString()))
                .setData(ChannelGroups.bytes(ConfigEnvelope.newBuilder()
                        .setConfig(Config.newBuilder().setChannelGroup(channelGroup)).build()))
                .build();
        Envelope envelope = Envelope.newBuilder().setPayload(ChannelGroups.bytes(payload)).build();
        BlockData data = BlockData.newBuilder().addData(ChannelGroups.bytes(envelope)).build();

        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < METADATA_SLOTS; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        LastConfig lastConfig = LastConfig.newBuilder().setIndex(0).build();
        metadata.setMetadata(0, Metadata.newBuilder().setValue(OrdererBlockMetadata.newBuilder()
                .setLastConfig(lastConfig).build().toByteString()).build().toByteString());
        metadata.setMetadata(1, Metadata.newBuilder().setValue(lastConfig.toByteString()).build().toByteString());

        return Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(0)
                        .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data))))
                .setData(data)
                .setMetadata(metadata)
                .build();
    }

    /** Fabric's channel headers carry whole seconds. */
    static Timestamp nowSeconds() {
        return Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()).build();
    }

    private static List<Organization> allOrgs(Profile p) {
        List<Organization> orgs = new ArrayList<>();
        if (p.orderer() != null) {
            orgs.addAll(p.orderer().organizations());
        }
        if (p.application() != null) {
            orgs.addAll(p.application().organizations());
        }
        if (p.consortiums() != null) {
            p.consortiums().values().forEach(c -> orgs.addAll(c.organizations()));
        }
        return orgs;
    }
}
