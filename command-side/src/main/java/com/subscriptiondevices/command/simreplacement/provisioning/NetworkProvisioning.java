package com.subscriptiondevices.command.simreplacement.provisioning;

/**
 * The port to the network provisioning system. A request is answered later, through
 * {@link SwapOutcomes}; asking again with the same request id must not swap twice.
 */
public interface NetworkProvisioning {

    void requestSwap(SwapRequest request);
}
