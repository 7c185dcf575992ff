package io.weft.orderer;

import org.hyperledger.fabric.protos.common.Envelope;

/**
 * What the system channel asks of the orderer's registry (Fabric's {@code ChainCreator} and the registrar's
 * {@code newChain}): how many channels it serves, for {@code ChannelRestrictions.MaxCount}, and to create the channel
 * a written {@code ORDERER_TRANSACTION} carries.
 */
interface ChannelCreator {

    /** Every channel served, the system channel included. */
    int channelsCount();

    /**
     * Creates the channel whose first config {@code configTx} (a signed {@code CONFIG} envelope) is: its ledger with
     * a genesis block holding only that envelope, then its chain.
     */
    void createChannel(Envelope configTx) throws ChainException;
}
