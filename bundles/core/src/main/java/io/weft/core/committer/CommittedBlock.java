package io.weft.core.committer;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A block as the committer stored it, for block-event subscribers.
 *
 * @param channelId         the channel
 * @param block             the block with its TRANSACTIONS_FILTER and COMMIT_HASH metadata
 * @param codes             the validation code of each transaction, in block order
 * @param validationPlugins plugin name → {@code bundle version} of each validation plugin that judged the block
 */
public record CommittedBlock(String channelId, Block block, List<TxValidationCode> codes,
        Map<String, String> validationPlugins) {

    public CommittedBlock {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(block, "block");
        codes = List.copyOf(codes);
        validationPlugins = Map.copyOf(validationPlugins);
    }

    public long number() {
        return block.getHeader().getNumber();
    }
}
