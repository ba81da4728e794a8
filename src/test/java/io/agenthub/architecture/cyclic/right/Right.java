package io.agenthub.architecture.cyclic.right;

import io.agenthub.architecture.cyclic.left.Left;

/** The other half of the cycle PackageCyclesTest expects its rule to report. */
public final class Right {
    Left partner;
}
