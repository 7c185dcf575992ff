package io.weft.shell.commands;

import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.weft.api.handler.HandlerRegistry;
import io.weft.api.ledger.LedgerSummary;
import io.weft.api.node.PeerNode;
import io.weft.api.storage.StorageProvider;

/** Gogo commands in scope {@code weft}: {@code weft:handlers}, {@code weft:status}, {@code weft:ledgers}. */
@Component(service = WeftCommands.class, property = {"osgi.command.scope=weft", "osgi.command.function=handlers",
        "osgi.command.function=status", "osgi.command.function=ledgers"})
public final class WeftCommands {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HandlerRegistry registry;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + PeerNode.STATUS_PROPERTY + "=*)")
    private volatile List<PeerNode> nodes;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<LedgerSummary> ledgers;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<StorageProvider> storage;

    @Descriptor("list handler names from core.yaml and the bundles that provide them (kind, name, bundle, version, handles in use)")
    public String handlers() {
        HandlerRegistry r = registry;
        if (r == null) {
            throw new IllegalStateException("the handler registry is not running (is io.weft.core active and configured?)");
        }
        return HandlerTable.render(r.describe());
    }

    @Descriptor("show the peer node's status, start time and listen addresses")
    public String status() {
        List<PeerNode> current = nodes;
        if (current == null || current.isEmpty()) {
            return "status: STARTING (the node has not reported yet)\n";
        }
        StringBuilder b = new StringBuilder();
        for (PeerNode node : current) {
            b.append("status: ").append(node.status());
            if (node.status() == PeerNode.Status.STARTED) {
                b.append("\npeer id: ").append(node.peerId()).append("\nstarted: ").append(node.startedAt());
                for (Map.Entry<String, String> a : node.listenAddresses().entrySet()) {
                    b.append('\n').append(a.getKey()).append(": ").append(a.getValue());
                }
            } else {
                b.append("\nreason: ").append(node.failure().orElse("unknown"));
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Descriptor("list the channel ledgers: channel, block height, state and history database heights, storage backend")
    public String ledgers() {
        List<LedgerSummary> summaries = ledgers;
        List<StorageProvider> backends = storage;
        return LedgerTable.render(summaries == null ? List.of() : summaries,
                backends == null ? List.of() : backends.stream().map(StorageProvider::name).sorted().toList());
    }
}
