package io.weft.scc.lifecycle;

/** What Fabric answers with status 404: a namespace that is not defined, a package that is not installed. */
final class NotFoundException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
        super(message);
    }
}
