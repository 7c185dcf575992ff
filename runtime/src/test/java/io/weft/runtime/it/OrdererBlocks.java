package io.weft.runtime.it;

import org.hyperledger.fabric.protos.common.Envelope;

import com.google.protobuf.ByteString;

import io.weft.core.committer.CommitterFixtures;
import io.weft.protoutil.BlockHashes;

/** Blocks as the vectors' orderer would cut them after mychannel's genesis block, one after the other. */
final class OrdererBlocks {

    private final CommitterFixtures fx;
    private byte[] previousHash;
    private long height = 1;

    OrdererBlocks(CommitterFixtures fx) {
        this.fx = fx;
        this.previousHash = BlockHashes.headerHash(fx.genesis.getHeader());
    }

    /** The next block, holding {@code txs}, signed by the orderer; its bytes. */
    byte[] next(Envelope... txs) {
        ByteString[] data = new ByteString[txs.length];
        for (int i = 0; i < txs.length; i++) {
            data[i] = txs[i].toByteString();
        }
        var block = CommitterFixtures.block(height, previousHash, fx.orderer, data);
        previousHash = BlockHashes.headerHash(block.getHeader());
        height++;
        return block.toByteArray();
    }
}
