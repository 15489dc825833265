/** Operators' API: dead letters. */
@NullMarked
package dev.sluice.ingress.admin;

import org.jspecify.annotations.NullMarked;
