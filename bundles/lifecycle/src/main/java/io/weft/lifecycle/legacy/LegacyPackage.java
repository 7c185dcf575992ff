package io.weft.lifecycle.legacy;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.SignedChaincodeDeploymentSpec;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import com.google.protobuf.WireFormat;

/**
 * A legacy chaincode package as Fabric's {@code ccprovider} reads it: a raw {@code ChaincodeDeploymentSpec} (CDS) or a
 * signed one (an {@code Envelope} of type {@code CHAINCODE_PACKAGE} carrying a {@code SignedChaincodeDeploymentSpec}).
 * Its fingerprint is the SHA-256 hashes of the code, of name and version, and (signed packages) of the instantiation
 * policy with the owners' endorsements; lscc stores them, marshalled, as {@code ChaincodeData.data}, and its ID is the
 * hash of the hashes.
 *
 * <p>Fabric dereferences a missing chaincode spec or ID and panics; here such a package simply does not parse.
 */
public final class LegacyPackage {

    /** What Go's protobuf runtime reports for bytes it cannot parse. */
    public static final String PROTO_PARSE_ERROR = "proto: cannot parse invalid wire-format data";

    private final ChaincodeDeploymentSpec depSpec;
    private final ByteString depSpecBytes;
    private final List<ByteString> hashes;
    private final ByteString id;
    private final ByteString instantiationPolicy;

    private LegacyPackage(ChaincodeDeploymentSpec depSpec, ByteString depSpecBytes, List<ByteString> hashes) {
        this(depSpec, depSpecBytes, hashes, null);
    }

    private LegacyPackage(ChaincodeDeploymentSpec depSpec, ByteString depSpecBytes, List<ByteString> hashes,
            ByteString instantiationPolicy) {
        this.instantiationPolicy = instantiationPolicy;
        this.depSpec = depSpec;
        this.depSpecBytes = depSpecBytes;
        this.hashes = List.copyOf(hashes);
        this.id = sha256(hashes.toArray(ByteString[]::new));
    }

    /**
     * Fabric's {@code GetCCPackage}: whichever format parses; both parsing (Fabric cannot tell then) is taken as signed.
     *
     * @throws LegacyPackageException {@code could not unmarshal chaincode package to CDS or SignedCDS}
     */
    public static LegacyPackage parse(ByteString buf) throws LegacyPackageException {
        try {
            LegacyPackage signed = signedCds(buf);
            signed.checkPrintableName(signed.name());
            return signed;
        } catch (LegacyPackageException e) {
            // not a signed package: try the raw format
        }
        try {
            return cds(buf);
        } catch (LegacyPackageException e) {
            throw new LegacyPackageException("could not unmarshal chaincode package to CDS or SignedCDS", e);
        }
    }

    /** Fabric's {@code CDSPackage.InitFromBuffer} followed by the package's check of its own data. */
    public static LegacyPackage cds(ByteString buf) throws LegacyPackageException {
        ChaincodeDeploymentSpec spec = deploymentSpec(buf, "failed to unmarshal deployment spec from bytes");
        LegacyPackage pack = new LegacyPackage(spec, buf, codeAndMetadataHashes(spec));
        pack.checkPrintableName(pack.name());
        return pack;
    }

    /** Fabric's {@code SignedCDSPackage.InitFromBuffer}, with its messages. */
    public static LegacyPackage signedCds(ByteString buf) throws LegacyPackageException {
        Envelope env = parse(Envelope.parser(), buf, "failed to unmarshal envelope from bytes");
        Payload payload = parse(Payload.parser(), env.getPayload(), PROTO_PARSE_ERROR);
        if (!payload.hasHeader()) {
            throw new LegacyPackageException("channel header cannot be nil");
        }
        ChannelHeader header = parse(ChannelHeader.parser(), payload.getHeader().getChannelHeader(),
                PROTO_PARSE_ERROR);
        SignedChaincodeDeploymentSpec signed = parse(SignedChaincodeDeploymentSpec.parser(), payload.getData(),
                PROTO_PARSE_ERROR);
        if (header.getType() != HeaderType.CHAINCODE_PACKAGE_VALUE) {
            throw new LegacyPackageException("invalid type of envelope for chaincode package");
        }
        ChaincodeDeploymentSpec spec = deploymentSpec(signed.getChaincodeDeploymentSpec(), "error getting deployment spec");
        if (signed.getInstantiationPolicy().isEmpty()) {
            throw new LegacyPackageException("instantiation policy cannot be nil for chaincode ("
                    + spec.getChaincodeSpec().getChaincodeId().getName() + ":"
                    + spec.getChaincodeSpec().getChaincodeId().getVersion() + ")");
        }
        List<ByteString> hashes = new ArrayList<>(codeAndMetadataHashes(spec));
        List<ByteString> signature = new ArrayList<>();
        signature.add(signed.getInstantiationPolicy());
        for (Endorsement owner : signed.getOwnerEndorsementsList()) {
            signature.add(owner.getEndorser());
        }
        hashes.add(sha256(signature.toArray(ByteString[]::new)));
        return new LegacyPackage(spec, signed.getChaincodeDeploymentSpec(), hashes, signed.getInstantiationPolicy());
    }

    /** A deployment spec naming its chaincode (Fabric dereferences spec and ID unchecked). */
    private static ChaincodeDeploymentSpec deploymentSpec(ByteString bytes, String error) throws LegacyPackageException {
        ChaincodeDeploymentSpec spec = parse(ChaincodeDeploymentSpec.parser(), bytes, error);
        if (!spec.getChaincodeSpec().hasChaincodeId()) {
            throw new LegacyPackageException(error);
        }
        return spec;
    }

    private static <T> T parse(Parser<T> parser, ByteString bytes, String error) throws LegacyPackageException {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LegacyPackageException(error, e);
        }
    }

    public String name() {
        return depSpec.getChaincodeSpec().getChaincodeId().getName();
    }

    public String version() {
        return depSpec.getChaincodeSpec().getChaincodeId().getVersion();
    }

    public ChaincodeDeploymentSpec depSpec() {
        return depSpec;
    }

    /** A signed package's instantiation policy (marshalled); empty for a raw deployment spec. */
    public Optional<ByteString> instantiationPolicy() {
        return Optional.ofNullable(instantiationPolicy);
    }

    /** The marshalled deployment spec: what {@code getdepspec} answers. */
    public ByteString depSpecBytes() {
        return depSpecBytes;
    }

    /** The fingerprint ({@code ChaincodeInfo.id} of installed chaincodes). */
    public ByteString id() {
        return id;
    }

    /** The marshalled {@code CDSData} / {@code SignedCDSData}: the hashes as bytes fields 1, 2 (and 3). */
    public ByteString data() {
        ByteString.Output out = ByteString.newOutput();
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        try {
            for (int i = 0; i < hashes.size(); i++) {
                coded.writeBytes(i + 1, hashes.get(i));
            }
            coded.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteString();
    }

    /**
     * Fabric's {@code ValidateCC}: {@code cd}, as lscc stored it, describes this package.
     *
     * @throws LegacyPackageException {@code invalid chaincode name: …}, {@code invalid chaincode data …},
     *         {@code data mismatch}, or the proto error of unreadable data
     */
    public void validate(ChaincodeData cd) throws LegacyPackageException {
        checkPrintableName(cd.getName());
        if (!cd.getName().equals(name()) || !cd.getVersion().equals(version())) {
            throw new LegacyPackageException("invalid chaincode data " + cd.getName() + ":" + cd.getVersion() + " ("
                    + name() + ":" + version() + ")");
        }
        if (!hashes.equals(storedHashes(cd.getData()))) {
            throw new LegacyPackageException("data mismatch");
        }
    }

    /** The first {@code hashes.size()} bytes fields of stored data, as the Go structs unmarshal them. */
    private List<ByteString> storedHashes(ByteString data) throws LegacyPackageException {
        ByteString[] fields = new ByteString[hashes.size()];
        Arrays.fill(fields, ByteString.EMPTY);
        CodedInputStream in = data.newCodedInput();
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field >= 1 && field <= fields.length
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    fields[field - 1] = in.readBytes();
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new LegacyPackageException(PROTO_PARSE_ERROR, e);
        }
        return List.of(fields);
    }

    /** Go's {@code unicode.IsPrint} over the name, with {@code %q} of it when it fails. */
    private void checkPrintableName(String name) throws LegacyPackageException {
        if (!name.codePoints().allMatch(LegacyPackage::isPrintable)) {
            StringBuilder quoted = new StringBuilder("\"");
            name.codePoints().forEach(cp -> {
                if (cp == '"' || cp == '\\') {
                    quoted.append('\\').appendCodePoint(cp);
                } else if (isPrintable(cp)) {
                    quoted.appendCodePoint(cp);
                } else if (cp < 0x80) {
                    quoted.append(String.format("\\x%02x", cp));
                } else {
                    quoted.append(cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
                }
            });
            throw new LegacyPackageException("invalid chaincode name: " + quoted.append('"'));
        }
    }

    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    private static List<ByteString> codeAndMetadataHashes(ChaincodeDeploymentSpec spec) {
        ByteString name = spec.getChaincodeSpec().getChaincodeId().getNameBytes();
        ByteString version = spec.getChaincodeSpec().getChaincodeId().getVersionBytes();
        return List.of(sha256(spec.getCodePackage()), sha256(name, version));
    }

    private static ByteString sha256(ByteString... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ByteString part : parts) {
                digest.update(part.asReadOnlyByteBuffer());
            }
            return ByteString.copyFrom(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
