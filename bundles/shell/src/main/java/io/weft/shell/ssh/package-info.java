/** The Gogo shell over SSH (Apache MINA sshd), public-key authentication only, loopback only. */
package io.weft.shell.ssh;
