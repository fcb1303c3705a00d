package io.progressivedialer.rules;

import java.util.List;

/**
 * What deploying a file of tables would do to the floor, tried before it is deployed through the rules API: each
 * campaign it would leave with nothing to dial, described with its figures; empty when none.
 */
public interface DeploymentImpact {

    List<String> campaignsLeftWithoutLeads(byte[] dmn);
}
