package io.weft.tools.cryptogen;

/** The built-in {@code crypto-config.yaml}: the same organizations and keys as cryptogen's default. */
final class DefaultTemplate {

    private DefaultTemplate() {
    }

    static final String TEXT = """

            # ===========================================================================
            # OrdererOrgs: organizations that run ordering nodes
            # ===========================================================================
            OrdererOrgs:
              # -------------------------------------------------------------------------
              # The ordering organization of the sample network
              # -------------------------------------------------------------------------
              - Name: Orderer
                Domain: example.com
                EnableNodeOUs: false

                # Specs: the ordering nodes, named one by one (see PeerOrgs for all keys)
                Specs:
                  - Hostname: orderer

            # ===========================================================================
            # PeerOrgs: organizations that run peers
            # ===========================================================================
            PeerOrgs:
              # -------------------------------------------------------------------------
              # Org1
              # -------------------------------------------------------------------------
              - Name: Org1
                Domain: org1.example.com
                # EnableNodeOUs: true writes msp/config.yaml and gives every signing
                # certificate its role as OU (client, peer, admin or orderer).
                EnableNodeOUs: false

                # -----------------------------------------------------------------------
                # CA (optional): the subject of the organization's CAs. Both the signing
                # CA and the TLS CA ("tls" + CommonName) use it. Remove the leading "# "
                # to set it explicitly.
                # -----------------------------------------------------------------------
                # CA:
                #    Hostname: ca              # the CN becomes ca.org1.example.com
                #    Country: US
                #    Province: California
                #    Locality: San Francisco
                #    OrganizationalUnit: Hyperledger Fabric
                #    StreetAddress: street of the org   # not set by default
                #    PostalCode: postal code of the org # not set by default

                # -----------------------------------------------------------------------
                # Specs (optional): nodes named one by one. Each entry has:
                #   Hostname:   required; the host name without the domain
                #   CommonName: optional; the CN, a template that defaults to
                #                 "{{.Hostname}}.{{.Domain}}"
                #   SANS:       optional; more subject alternative names for the TLS
                #               certificate. Templates may use {{.Hostname}},
                #               {{.Domain}} and {{.CommonName}}. Entries that parse as
                #               IP addresses become IP SANs, others DNS names.
                #               The CN and the Hostname are always included.
                # -----------------------------------------------------------------------
                # Specs:
                #   - Hostname: foo               # CN foo.org1.example.com
                #     CommonName: foo27.org5.example.com  # replaces that CN
                #     SANS:
                #       - "bar.{{.Domain}}"
                #       - "altfoo.{{.Domain}}"
                #       - "{{.Hostname}}.org6.net"
                #       - 172.16.10.31
                #   - Hostname: bar
                #   - Hostname: baz

                # -----------------------------------------------------------------------
                # Template (optional): Count nodes numbered from Start (default 0),
                # named by the Hostname template (default "{{.Prefix}}{{.Index}}",
                # i.e. peer0, peer1, ...). Specs and Template add up; avoid giving two
                # nodes the same name.
                # -----------------------------------------------------------------------
                Template:
                  Count: 1
                  # Start: 5
                  # Hostname: {{.Prefix}}{{.Index}} # the default
                  # SANS:
                  #   - "{{.Hostname}}.alt.{{.Domain}}"

                # -----------------------------------------------------------------------
                # Users: Count is the number of users besides Admin (User1, User2, ...)
                # -----------------------------------------------------------------------
                Users:
                  Count: 1

              # -------------------------------------------------------------------------
              # Org2: the same keys as Org1
              # -------------------------------------------------------------------------
              - Name: Org2
                Domain: org2.example.com
                EnableNodeOUs: false
                Template:
                  Count: 1
                Users:
                  Count: 1
            """;
}
