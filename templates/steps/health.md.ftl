Asks the new server, at its address with the public host name, for the client API, the federation key and the
well-known files (${files.HEALTH}, each endpoint polled for up to ${wait?c} s); the server name and signing keys
must be the old server's<#if inputs.settings().selfCheck()>; then the playbook's --tags=self-check</#if>. What did
not answer, and what it got, is kept in ${inputs.planFile(files.HEALTH_RESULT)}. Once the client API answered,
${inputs.planFile(files.NEW_SERVED)} notes that the new server may have served users: a rollback then checks what
they wrote.
