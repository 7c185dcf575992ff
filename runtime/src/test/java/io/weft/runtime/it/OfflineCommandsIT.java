package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline {@code peer node} commands refuse to touch the ledgers of a running peer, and run once it stops. */
class OfflineCommandsIT {

    @TempDir
    Path work;

    @Test
    void refusedWhileThePeerRunsThenAllowed() throws Exception {
        PeerProcess peer = new PeerProcess(work);
        try (PeerProcess running = peer.start().awaitHealthy(Duration.ofSeconds(60))) {
            for (String[] command : new String[][] {{"node", "reset"}, {"node", "rebuild-dbs"},
                    {"node", "pause", "-c", "mychannel"}}) {
                PeerCli.Result run = PeerCli.run(running.env(), work, command);
                assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
                assertThat(run.err()).contains("Error: as another peer node command is executing, wait for that "
                        + "command to complete its execution or terminate it before retrying");
            }
        }
        PeerCli.Result reset = PeerCli.run(peer.env(), work, "node", "reset");
        assertThat(reset.exitCode()).as("%s", reset).isZero();
        PeerCli.Result pause = PeerCli.run(peer.env(), work, "node", "pause", "-c", "mychannel");
        assertThat(pause.err()).contains("Error: cannot update ledger status, ledger [mychannel] does not exist");
    }
}
