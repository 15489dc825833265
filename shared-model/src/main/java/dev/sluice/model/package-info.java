/** The wire contract between the ingress and the workers: messages, statuses and names. */
@NullMarked
package dev.sluice.model;

import org.jspecify.annotations.NullMarked;
