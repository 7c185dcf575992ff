/**
 * Fabric's access control for peer resources ({@code core/aclmgmt}): the default resource to policy map,
 * channel ACL overrides from the Application {@code ACLs} value, and local-MSP checks for peer-level resources.
 */
@Export
@Version("0.1.0")
package io.weft.acl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
