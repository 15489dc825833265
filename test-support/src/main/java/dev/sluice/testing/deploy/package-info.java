/** Reading the deployment files (compose, Kubernetes) in tests that check them against the code. */
@NullMarked
package dev.sluice.testing.deploy;

import org.jspecify.annotations.NullMarked;
