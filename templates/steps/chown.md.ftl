chown -R ${inputs.values().owner()} ${inputs.data()}, skipped when everything is owned by it already.
<#if !inputs.settings().cold()>
The final pass then gives what it copies to ${inputs.values().owner()} itself.
</#if>
