package io.weft.core.admin;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.AdminGrpc;
import org.hyperledger.fabric.protos.peer.AdminOperation;
import org.hyperledger.fabric.protos.peer.LogLevelRequest;
import org.hyperledger.fabric.protos.peer.LogLevelResponse;
import org.hyperledger.fabric.protos.peer.LogSpecResponse;
import org.hyperledger.fabric.protos.peer.ServerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.Empty;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.weft.config.logging.LogLevel;
import io.weft.core.grpc.RemoteAddress;
import io.weft.core.logging.LogControl;
import io.weft.core.msp.LocalAdmins;

/**
 * Fabric 1.4's {@code protos.Admin}: every call carries a PEER_ADMIN_OPERATION envelope signed by a
 * local admin; answers and error texts follow Fabric's admin server.
 */
final class AdminServiceImpl extends AdminGrpc.AdminImplBase {

    static final Logger LOG = LoggerFactory.getLogger("io.weft.core.admin");

    private final AdminRequests requests;
    private final LogControl logging;

    AdminServiceImpl(AdminRequests requests, LogControl logging) {
        this.requests = requireNonNull(requests, "requests");
        this.logging = requireNonNull(logging, "logging");
    }

    @Override
    public void getStatus(Envelope request, StreamObserver<ServerStatus> response) {
        answer(request, response, op -> ServerStatus.newBuilder().setStatus(ServerStatus.StatusCode.STARTED).build());
    }

    @Override
    public void startServer(Envelope request, StreamObserver<ServerStatus> response) {
        answer(request, response, op -> ServerStatus.newBuilder().setStatus(ServerStatus.StatusCode.STARTED).build());
    }

    @Override
    public void getModuleLogLevel(Envelope request, StreamObserver<LogLevelResponse> response) {
        answer(request, response, op -> {
            LogLevelRequest r = logRequest(op);
            return LogLevelResponse.newBuilder().setLogModule(r.getLogModule()).setLogLevel(logging.levelOf(r.getLogModule())).build();
        });
    }

    @Override
    public void setModuleLogLevel(Envelope request, StreamObserver<LogLevelResponse> response) {
        answer(request, response, op -> {
            LogLevelRequest r = logRequest(op);
            String spec = logging.spec() + ":" + r.getLogModule() + "=" + r.getLogLevel();
            try {
                logging.activateSpec(spec);
            } catch (IllegalArgumentException e) {
                throw Status.INVALID_ARGUMENT.withDescription("error setting log spec to '" + spec + "': " + e.getMessage())
                        .asRuntimeException();
            }
            return LogLevelResponse.newBuilder().setLogModule(r.getLogModule())
                    .setLogLevel(r.getLogLevel().toUpperCase(Locale.ROOT)).build();
        });
    }

    @Override
    public void revertLogLevels(Envelope request, StreamObserver<Empty> response) {
        answer(request, response, op -> {
            logging.revert();
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void getLogSpec(Envelope request, StreamObserver<LogSpecResponse> response) {
        answer(request, response, op -> LogSpecResponse.newBuilder().setLogSpec(logging.spec().toString()).build());
    }

    @Override
    public void setLogSpec(Envelope request, StreamObserver<LogSpecResponse> response) {
        answer(request, response, op -> {
            if (!op.hasLogSpecReq()) {
                throw Status.UNKNOWN.withDescription("request is nil").asRuntimeException();
            }
            String spec = op.getLogSpecReq().getLogSpec();
            LogSpecResponse.Builder b = LogSpecResponse.newBuilder().setLogSpec(spec);
            try {
                logging.activateSpec(spec);
            } catch (IllegalArgumentException e) {
                b.setError(e.getMessage());
            }
            return b.build();
        });
    }

    private static LogLevelRequest logRequest(AdminOperation op) {
        if (!op.hasLogReq()) {
            throw Status.UNKNOWN.withDescription("request is nil").asRuntimeException();
        }
        return op.getLogReq();
    }

    /** Validates, then answers; a rejection is a gRPC error with Fabric's text. */
    private <T> void answer(Envelope request, StreamObserver<T> response, Operation<T> operation) {
        AdminOperation op;
        try {
            op = requests.validate(request, RemoteAddress.current());
        } catch (AdminRequests.RejectedException e) {
            response.onError((e.accessDenied() ? Status.PERMISSION_DENIED : Status.UNKNOWN).withDescription(e.getMessage())
                    .asRuntimeException());
            return;
        }
        T result;
        try {
            result = operation.apply(op);
        } catch (RuntimeException e) {
            response.onError(e instanceof io.grpc.StatusRuntimeException ? e
                    : Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    @FunctionalInterface
    private interface Operation<T> {
        T apply(AdminOperation op);
    }

    /** Fabric validates level names before setting them; kept here for the CLI's check too. */
    static boolean isValidLevel(String level) {
        return LogLevel.parse(level).isPresent();
    }
}
