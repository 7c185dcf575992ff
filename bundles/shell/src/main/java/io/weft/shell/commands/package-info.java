/** Weft's Gogo commands (scope {@code weft}). */
package io.weft.shell.commands;
