package io.weft.scc.qscc;

import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.protobuf.ByteString;

import io.weft.api.channel.ChannelException;
import io.weft.api.channel.ChannelView;
import io.weft.api.channel.PeerChannels;
import io.weft.api.scc.AccessDeniedException;
import io.weft.api.scc.SccInvocation;
import io.weft.api.scc.SystemChaincode;

/**
 * Fabric's {@code qscc} ({@code core/scc/qscc}): {@code [function, channel, argument]}, checked in Fabric's order
 * (argument count, chaincode-to-chaincode refusal, third argument, channel, ACL {@code qscc/<function>} on the
 * channel) and answered with Fabric's messages; payloads are the marshalled protos.
 */
@Component(service = SystemChaincode.class, property = SystemChaincode.NAME_PROPERTY + "=" + Qscc.NAME)
public class Qscc implements SystemChaincode {

    static final String NAME = "qscc";

    static final String GET_CHAIN_INFO = "GetChainInfo";
    static final String GET_BLOCK_BY_NUMBER = "GetBlockByNumber";
    static final String GET_BLOCK_BY_HASH = "GetBlockByHash";
    static final String GET_TRANSACTION_BY_ID = "GetTransactionByID";
    static final String GET_BLOCK_BY_TX_ID = "GetBlockByTxID";

    private final PeerChannels channels;

    @Activate
    public Qscc(@Reference(name = "channels") PeerChannels channels) {
        this.channels = channels;
    }

    @Override
    public Response invoke(SccInvocation invocation) {
        List<ByteString> args = invocation.args();
        if (args.size() < 2) {
            return GoText.error("Incorrect number of arguments, " + args.size());
        }
        String fname = args.get(0).toStringUtf8();
        String cid = args.get(1).toStringUtf8();

        if (invocation.fromChaincode()) {
            String name;
            try {
                name = GoText.invokedChaincodeName(invocation.proposal());
            } catch (IllegalArgumentException e) {
                return GoText.error("Failed to identify the called chaincode: " + e.getMessage());
            }
            if (!NAME.equals(name)) {
                return GoText.error("Rejecting invoke of QSCC from another chaincode because of potential for deadlocks,"
                        + " original invocation for '" + name + "'");
            }
        }

        if (!GET_CHAIN_INFO.equals(fname) && args.size() < 3) {
            return GoText.error("missing 3rd argument for " + fname);
        }

        Optional<ChannelView> target = channels.channel(cid);
        if (target.isEmpty()) {
            return GoText.error("Invalid chain ID, " + cid);
        }
        ChannelView ledger = target.get();

        try {
            invocation.checkAcl("qscc/" + fname, cid);
        } catch (AccessDeniedException e) {
            return GoText.error("access denied for [" + fname + "][" + cid + "]: [" + e.getMessage() + "]");
        }

        switch (fname) {
            case GET_TRANSACTION_BY_ID:
                return transactionById(ledger, args.get(2).toStringUtf8());
            case GET_BLOCK_BY_NUMBER:
                return blockByNumber(ledger, args.get(2));
            case GET_BLOCK_BY_HASH:
                return blockByHash(ledger, args.get(2));
            case GET_CHAIN_INFO:
                return chainInfo(ledger);
            case GET_BLOCK_BY_TX_ID:
                return blockByTxId(ledger, args.get(2).toStringUtf8());
            default:
                return GoText.error("Requested function " + fname + " not found.");
        }
    }

    private static Response transactionById(ChannelView ledger, String txId) {
        String prefix = "Failed to get transaction with id " + txId + ", error ";
        try {
            Optional<ProcessedTransaction> tx = ledger.transactionById(txId);
            if (tx.isEmpty()) {
                return GoText.error(prefix + "no such transaction ID [" + txId + "] in index");
            }
            return GoText.success(tx.get().toByteString());
        } catch (ChannelException e) {
            return GoText.error(prefix + e.getMessage());
        }
    }

    private static Response blockByNumber(ChannelView ledger, ByteString number) {
        long bnum;
        try {
            bnum = GoText.parseUint64(number);
        } catch (NumberFormatException e) {
            return GoText.error("Failed to parse block number with error " + e.getMessage());
        }
        String prefix = "Failed to get block number " + Long.toUnsignedString(bnum) + ", error ";
        try {
            long wanted = bnum;
            if (wanted == -1L) {
                // math.MaxUint64: Fabric's block store answers the newest block
                wanted = ledger.info().getHeight() - 1;
            }
            Optional<Block> block = ledger.blockByNumber(wanted);
            if (block.isEmpty()) {
                return GoText.error(prefix + "no such block number [" + Long.toUnsignedString(wanted) + "] in index");
            }
            return GoText.success(block.get().toByteString());
        } catch (ChannelException e) {
            return GoText.error(prefix + e.getMessage());
        }
    }

    private static Response blockByHash(ChannelView ledger, ByteString hash) {
        String prefix = "Failed to get block hash " + hash.toStringUtf8() + ", error ";
        try {
            Optional<Block> block = ledger.blockByHash(hash);
            if (block.isEmpty()) {
                return GoText.error(prefix + "no such block hash [" + GoText.hex(hash) + "] in index");
            }
            return GoText.success(block.get().toByteString());
        } catch (ChannelException e) {
            return GoText.error(prefix + e.getMessage());
        }
    }

    private static Response chainInfo(ChannelView ledger) {
        try {
            return GoText.success(ledger.info().toByteString());
        } catch (ChannelException e) {
            return GoText.error("Failed to get block info with error " + e.getMessage());
        }
    }

    private static Response blockByTxId(ChannelView ledger, String txId) {
        String prefix = "Failed to get block for txID " + txId + ", error ";
        try {
            Optional<Block> block = ledger.blockByTxId(txId);
            if (block.isEmpty()) {
                return GoText.error(prefix + "no such transaction ID [" + txId + "] in index");
            }
            return GoText.success(block.get().toByteString());
        } catch (ChannelException e) {
            return GoText.error(prefix + e.getMessage());
        }
    }
}
