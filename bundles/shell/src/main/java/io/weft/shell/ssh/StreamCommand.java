package io.weft.shell.ssh;

import java.io.InputStream;
import java.io.OutputStream;

import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.command.Command;

/** The streams and exit callback sshd hands every command before starting it. */
abstract class StreamCommand implements Command {

    InputStream in;
    OutputStream out;
    OutputStream err;
    ExitCallback exit;

    @Override
    public final void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public final void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public final void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public final void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
