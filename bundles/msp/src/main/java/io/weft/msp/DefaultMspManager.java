package io.weft.msp;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** Fabric's {@code mspManagerImpl}. */
final class DefaultMspManager implements MspManager {

    private final Map<String, Msp> msps;

    DefaultMspManager(Collection<? extends Msp> list) throws MspException {
        Map<String, Msp> m = new LinkedHashMap<>();
        for (Msp msp : list) {
            Objects.requireNonNull(msp, "msp");
            Msp existing = m.get(msp.id());
            if (existing == null) {
                m.put(msp.id(), msp);
            } else if (existing != msp && !sameConfig(existing, msp)) {
                throw new MspException("Attempted to define two different versions of MSP: " + msp.id());
            }
        }
        this.msps = Collections.unmodifiableMap(m);
    }

    private static boolean sameConfig(Msp a, Msp b) {
        return a instanceof BccspMsp x && b instanceof BccspMsp y && x.config().equals(y.config());
    }

    @Override
    public Map<String, Msp> msps() {
        return msps;
    }

    @Override
    public Optional<Msp> msp(String mspId) {
        return Optional.ofNullable(msps.get(mspId));
    }

    @Override
    public Identity deserializeIdentity(byte[] serializedIdentity) throws MspException {
        Objects.requireNonNull(serializedIdentity, "serializedIdentity");
        SerializedIdentity sid;
        try {
            sid = SerializedIdentity.parseFrom(serializedIdentity);
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("could not deserialize a SerializedIdentity: " + e.getMessage(), e);
        }
        Msp msp = msps.get(sid.getMspid());
        if (msp == null) {
            throw new MspException("MSP " + sid.getMspid() + " is not defined on channel");
        }
        if (msp instanceof BccspMsp b) {
            return b.deserializeInternal(sid.getIdBytes().toByteArray());
        }
        return msp.deserializeIdentity(serializedIdentity);
    }

    @Override
    public void isWellFormed(SerializedIdentity identity) throws MspException {
        for (Msp msp : msps.values()) {
            try {
                msp.isWellFormed(identity);
                return;
            } catch (MspException e) {
                // Fabric tries one MSP per provider type; all of ours are X.509
                break;
            }
        }
        throw new MspException("no MSP provider recognizes the identity");
    }

    @Override
    public String toString() {
        return "MspManager" + msps.keySet();
    }
}
