<#if inputs.updatesDns()>
Puts back what the record sets that moved held before the migration (${inputs.planFile(files.DNS_CHANGES)}, old) with
${files.DNS}.
<#else>
Shows the DNS records to point back at ${inputs.old().address()} (${inputs.old().name()} and the other names of
services you enabled).
</#if>
Then it warns while ${inputs.dns().isPresent()?then("the zone's server", "the local resolver")} still answers another
address.
