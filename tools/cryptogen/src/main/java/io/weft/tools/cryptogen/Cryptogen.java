package io.weft.tools.cryptogen;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fabric's {@code cryptogen} as a library: makes the MSP and TLS material of orderer and peer
 * organizations ({@link #generate}) or adds what is missing to an existing tree ({@link #extend}).
 * Layout, file names and certificate contents follow cryptogen v2.4/2.5.
 */
public final class Cryptogen {

    private static final String USER_BASE_NAME = "User";
    private static final String ADMIN_BASE_NAME = "Admin";

    private final Clock clock;
    private final SecureRandom random;
    private final Consumer<String> progress;

    Cryptogen(Clock clock, SecureRandom random, Consumer<String> progress) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Generates every organization of {@code config} under {@code output}
     * ({@code peerOrganizations/<domain>}, {@code ordererOrganizations/<domain>}). As cryptogen, an
     * organization's CAs are made anew while node and user folders that already exist are kept.
     *
     * @throws CryptogenException naming the organization and what failed
     */
    public static void generate(CryptoConfig config, Path output) throws CryptogenException {
        generate(config, output, line -> { });
    }

    /** {@link #generate(CryptoConfig, Path)}, reporting each peer organization's domain as cryptogen prints it. */
    public static void generate(CryptoConfig config, Path output, Consumer<String> progress) throws CryptogenException {
        new Cryptogen(Clock.systemUTC(), new SecureRandom(), progress).generateAll(config, output);
    }

    /**
     * Adds to the tree under {@code input} what {@code config} has and the tree lacks: whole
     * organizations, nodes and users. Existing CAs sign the new certificates; no existing file is
     * changed.
     *
     * @throws CryptogenException naming the organization and what failed
     */
    public static void extend(CryptoConfig config, Path input) throws CryptogenException {
        extend(config, input, line -> { });
    }

    /** {@link #extend(CryptoConfig, Path)} with progress lines for organizations made from scratch. */
    public static void extend(CryptoConfig config, Path input, Consumer<String> progress) throws CryptogenException {
        new Cryptogen(Clock.systemUTC(), new SecureRandom(), progress).extendAll(config, input);
    }

    void generateAll(CryptoConfig config, Path output) throws CryptogenException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(output, "output");
        for (OrgSpec org : config.peerOrgs()) {
            generateOrg(output, render(org, "peer"), true);
        }
        for (OrgSpec org : config.ordererOrgs()) {
            generateOrg(output, render(org, "orderer"), false);
        }
    }

    void extendAll(CryptoConfig config, Path input) throws CryptogenException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(input, "input");
        for (OrgSpec org : config.peerOrgs()) {
            extendOrg(input, render(org, "peer"), true);
        }
        for (OrgSpec org : config.ordererOrgs()) {
            extendOrg(input, render(org, "orderer"), false);
        }
    }

    private static OrgPlan render(OrgSpec org, String prefix) throws CryptogenException {
        try {
            return OrgPlan.render(org, prefix);
        } catch (CryptogenException e) {
            throw new CryptogenException("Error processing " + prefix + " configuration: " + e.getMessage(), e);
        }
    }

    private void generateOrg(Path base, OrgPlan plan, boolean peerOrg) throws CryptogenException {
        OrgSpec spec = plan.spec();
        String domain = spec.domain();
        if (peerOrg) {
            progress.accept(domain);
        }
        OrgDirs dirs = new OrgDirs(base, domain, peerOrg);
        MspWriter writer = writer();
        CertificateAuthority signCa;
        CertificateAuthority tlsCa;
        try {
            signCa = CertificateAuthority.create(dirs.ca(), domain, plan.caCommonName(), plan.ca(), clock.instant(), random);
        } catch (IOException e) {
            throw failure("Error generating signCA for org " + domain, e);
        }
        try {
            tlsCa = CertificateAuthority.create(dirs.tlsca(), domain, "tls" + plan.caCommonName(), plan.ca(),
                    clock.instant(), random);
        } catch (IOException e) {
            throw failure("Error generating tlsCA for org " + domain, e);
        }
        try {
            writer.verifyingMsp(dirs.msp(), signCa, tlsCa, spec.enableNodeOUs());
        } catch (IOException e) {
            throw failure("Error generating MSP for org " + domain, e);
        }
        generateNodes(dirs.nodes(), plan.nodes(), signCa, tlsCa, peerOrg ? NodeType.PEER : NodeType.ORDERER,
                spec.enableNodeOUs(), writer);

        List<OrgPlan.Node> users = peerOrg ? users(spec) : new ArrayList<>();
        String admin = ADMIN_BASE_NAME + "@" + domain;
        generateNodes(dirs.users(), users, signCa, tlsCa, NodeType.CLIENT, spec.enableNodeOUs(), writer);
        generateNodes(dirs.users(), List.of(new OrgPlan.Node(admin, List.of())), signCa, tlsCa, NodeType.ADMIN,
                spec.enableNodeOUs(), writer);

        if (!spec.enableNodeOUs()) {
            copyAdminCert(dirs, dirs.msp().resolve("admincerts"), admin, domain, null);
        }
        copyAdminCertToNodes(dirs, plan, admin);
    }

    private void extendOrg(Path base, OrgPlan plan, boolean peerOrg) throws CryptogenException {
        OrgSpec spec = plan.spec();
        String domain = spec.domain();
        OrgDirs dirs = new OrgDirs(base, domain, peerOrg);
        if (!Files.exists(dirs.org())) {
            generateOrg(base, plan, peerOrg);
            return;
        }
        CertificateAuthority signCa = loadCa(dirs.ca(), plan.caCommonName(), plan, "signCA");
        CertificateAuthority tlsCa = loadCa(dirs.tlsca(), "tls" + plan.caCommonName(), plan, "tlsCA");
        MspWriter writer = writer();
        generateNodes(dirs.nodes(), plan.nodes(), signCa, tlsCa, peerOrg ? NodeType.PEER : NodeType.ORDERER,
                spec.enableNodeOUs(), writer);
        String admin = ADMIN_BASE_NAME + "@" + domain;
        copyAdminCertToNodes(dirs, plan, admin);
        if (peerOrg) {
            generateNodes(dirs.users(), users(spec), signCa, tlsCa, NodeType.CLIENT, spec.enableNodeOUs(), writer);
        }
    }

    private CertificateAuthority loadCa(Path dir, String name, OrgPlan plan, String what) throws CryptogenException {
        try {
            return CertificateAuthority.load(dir, name, plan.ca(), random);
        } catch (IOException | CryptogenException e) {
            throw failure("Error loading " + what + " for org " + plan.spec().domain(), e);
        }
    }

    private static List<OrgPlan.Node> users(OrgSpec spec) {
        List<OrgPlan.Node> users = new ArrayList<>();
        for (int j = 1; j <= spec.userCount(); j++) {
            users.add(new OrgPlan.Node(USER_BASE_NAME + j + "@" + spec.domain(), List.of()));
        }
        return users;
    }

    // a folder that exists is left alone: that is what makes extend (and re-running generate) additive
    private void generateNodes(Path baseDir, List<OrgPlan.Node> nodes, CertificateAuthority signCa,
            CertificateAuthority tlsCa, NodeType type, boolean nodeOUs, MspWriter writer) throws CryptogenException {
        for (OrgPlan.Node node : nodes) {
            Path nodeDir = baseDir.resolve(node.commonName());
            if (Files.exists(nodeDir)) {
                continue;
            }
            try {
                writer.localMsp(nodeDir, node.commonName(), node.sans(), signCa, tlsCa, type, nodeOUs);
            } catch (IOException e) {
                throw failure("Error generating local MSP for " + node.commonName(), e);
            }
        }
    }

    private static void copyAdminCertToNodes(OrgDirs dirs, OrgPlan plan, String admin) throws CryptogenException {
        if (plan.spec().enableNodeOUs()) {
            return;
        }
        for (OrgPlan.Node node : plan.nodes()) {
            copyAdminCert(dirs, dirs.nodes().resolve(node.commonName()).resolve("msp/admincerts"), admin,
                    plan.spec().domain(), node.commonName());
        }
    }

    private static void copyAdminCert(OrgDirs dirs, Path adminCerts, String admin, String domain, String node)
            throws CryptogenException {
        try {
            MspWriter.copyAdminCert(dirs.users(), adminCerts, admin);
        } catch (IOException e) {
            String where = node == null ? "" : (dirs.peerOrg() ? " peer " : " orderer ") + node;
            throw failure("Error copying admin cert for org " + domain + where, e);
        }
    }

    private MspWriter writer() {
        return new MspWriter(random, clock.instant());
    }

    private static CryptogenException failure(String what, Exception e) {
        String why = e instanceof CryptogenException ? e.getMessage() : describe(e);
        return new CryptogenException(what + ": " + why, e);
    }

    // Go's wording for the usual file-system failures, which Java reports by exception type
    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file exists: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The folders of one organization. */
    private record OrgDirs(Path org, boolean peerOrg) {
        OrgDirs(Path base, String domain, boolean peerOrg) {
            this(base.resolve(peerOrg ? "peerOrganizations" : "ordererOrganizations").resolve(domain), peerOrg);
        }

        Path ca() {
            return org.resolve("ca");
        }

        Path tlsca() {
            return org.resolve("tlsca");
        }

        Path msp() {
            return org.resolve("msp");
        }

        Path nodes() {
            return org.resolve(peerOrg ? "peers" : "orderers");
        }

        Path users() {
            return org.resolve("users");
        }
    }
}
