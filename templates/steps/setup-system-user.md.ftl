The playbook creates the matrix user and group on the new server; their ids may differ from the old server's.
<#if !inputs.settings().cold()>
It runs through inventory-new/, since ${inputs.inventory()} still names the old server, which still serves.
</#if>
