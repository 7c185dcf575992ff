/**
 * Fabric's policies: the signature-policy DSL, compiled signature and implicit-meta policies, and the
 * per-channel policy manager that resolves policy paths such as {@code /Channel/Application/Writers}.
 */
@Export
@Version("0.1.0")
package io.weft.policies;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
