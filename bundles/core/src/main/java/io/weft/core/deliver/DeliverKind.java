package io.weft.core.deliver;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.deliver.DeliverResponder;
import io.weft.protoutil.SignedData;

/** The three Deliver methods: the ACL resource each checks and the response each makes of a committed block. */
enum DeliverKind implements DeliverResponder<DeliverChannel, DeliverResponse> {

    /** {@code Deliver}: the block as committed. */
    BLOCK("event/Block", "block") {
        @Override
        public DeliverResponse respond(Block block, DeliverChannel channel, SignedData requester) {
            return DeliverResponse.newBuilder().setBlock(block).build();
        }
    },

    /**
     * {@code DeliverFiltered}: the filtered block. A block that cannot be filtered is answered with a BAD_REQUEST
     * status in its place and the request goes on, as in Fabric.
     */
    FILTERED_BLOCK("event/FilteredBlock", "filtered_block") {
        @Override
        public DeliverResponse respond(Block block, DeliverChannel channel, SignedData requester) {
            try {
                return DeliverResponse.newBuilder().setFilteredBlock(FilteredBlocks.of(block)).build();
            } catch (InvalidProtocolBufferException e) {
                LOG.warn("Failed to generate filtered block due to: {}", e.getMessage());
                return response(Status.BAD_REQUEST);
            }
        }
    },

    /** {@code DeliverWithPrivateData}: the block and the private data released to the requester. */
    BLOCK_AND_PRIVATE_DATA("event/Block", "block_and_pvtdata") {
        @Override
        public DeliverResponse respond(Block block, DeliverChannel channel, SignedData requester)
                throws DeliverFailure {
            long number = block.getHeader().getNumber();
            try {
                return DeliverResponse.newBuilder().setBlockAndPrivateData(BlockAndPrivateData.newBuilder()
                        .setBlock(block).putAllPrivateDataMap(PrivateDataReleases.of(channel, number, requester)))
                        .build();
            } catch (PrivateDataReleases.PrivateDataException e) {
                LOG.error("[channel: {}] Error getting private data by block number {}: {}", channel.id(), number,
                        e.getMessage());
                throw new DeliverFailure(e.getMessage(), e);
            }
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(DeliverKind.class);

    private final String resource;
    private final String dataType;

    DeliverKind(String resource, String dataType) {
        this.resource = resource;
        this.dataType = dataType;
    }

    /** The ACL resource the requester must be allowed. */
    String resource() {
        return resource;
    }

    @Override
    public String dataType() {
        return dataType;
    }

    @Override
    public DeliverResponse status(Status status) {
        return response(status);
    }

    static DeliverResponse response(Status status) {
        return DeliverResponse.newBuilder().setStatus(status).build();
    }
}
