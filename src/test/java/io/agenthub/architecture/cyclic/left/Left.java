package io.agenthub.architecture.cyclic.left;

import io.agenthub.architecture.cyclic.right.Right;

/** Half of a cycle made on purpose: PackageCyclesTest shows its rule catches and names it. */
public final class Left {
    Right partner;
}
