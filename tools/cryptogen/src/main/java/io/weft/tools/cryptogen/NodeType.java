package io.weft.tools.cryptogen;

/** The role a local MSP is made for: its NodeOU and the name of its TLS files. */
enum NodeType {
    CLIENT("client"),
    ORDERER("orderer"),
    PEER("peer"),
    ADMIN("admin");

    private final String ou;

    NodeType(String ou) {
        this.ou = ou;
    }

    /** The OU value cryptogen's {@code config.yaml} assigns to the role. */
    String ou() {
        return ou;
    }

    /** {@code client} for users and admins, {@code server} for nodes: names tls/X.crt and tls/X.key. */
    String tlsFilePrefix() {
        return this == CLIENT || this == ADMIN ? "client" : "server";
    }
}
