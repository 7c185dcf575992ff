/** core.yaml into ConfigAdmin: the one writer of the peer's component configurations. */
package io.weft.core.config;
