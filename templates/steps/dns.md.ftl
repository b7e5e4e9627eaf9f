<#if inputs.updatesDns()>
Changes the record sets that move (${inputs.planFile(files.DNS_CHANGES)}) with ${files.DNS} (--dns-provider
${changes.provider().label()}), each to TTL ${ttl?c} s.
<#else>
Shows the DNS records to point at ${inputs.newServer().address()} (${inputs.old().name()} and the other names of
services you enabled<#if changes??>, as ${inputs.planFile(files.DNS_CHANGES)} lists them</#if>).
</#if>
<#if changes?? && !changes.waitFor().isZero()>
Then it waits up to ${changes.waitFor().toSeconds()?c} s until every authoritative server
(<#list changes.servers() as server>${server}<#sep>, </#sep></#list>) answers the new addresses. The step fails
when one still does not.
<#elseif changes??>
Then it asks the zone's server once and warns while a name still answers another address.
<#else>
Then it warns while the local resolver still answers another address.
</#if>
