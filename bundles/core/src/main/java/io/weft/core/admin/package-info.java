/** protos.Admin, Fabric 1.4's peer administration service: status and logging, for local admins only. */
package io.weft.core.admin;
