Runs the playbook with --tags=${tags} on the new server. The downtime ends.
<#if !inputs.settings().cold()>
The run begins with the cutover, through inventory-new/: it parses the playbook, connects, gathers facts and runs the
tasks tagged always while the final pass and its verification run, then waits at its gate (${files.GATE_PLUGIN})
before anything else. The gate opens (${inputs.planFile(files.START_GATE)}) when every step before this one is done;
when one fails, the waiting run is ended, and it has started nothing.
</#if>
