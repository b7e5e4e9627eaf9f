---
# What the old server forwards to the new one, for matrix-migrate: read by forward.yml and
# stop-forwarding.yml.
# The transient systemd unit that runs ${forwarder.PROGRAM} on the old server (not one of the playbook's matrix-* units).
matrix_migrate_forward_unit: ${forwarder.UNIT}
matrix_migrate_forward_config: ${forwarder.CONFIG}
# --forward-for in seconds; null: until caches may no longer hold the old address plus a margin, and at least an
# hour (the forward step computes matrix_migrate_forward_seconds from it when it starts the forwarder).
matrix_migrate_forward_for: <#if settings.length().isPresent()>${settings.length().get().toSeconds()?c}<#else>null</#if>
# Where it forwards to: the new server's address.
matrix_migrate_forward_to: "${to}"
# The old server's addresses clients knew: it listens on those it has (on all when it has none of them, as
# behind NAT), and the new server's Traefik trusts PROXY protocol headers from them.
matrix_migrate_forward_old_addresses:<#if oldAddresses?has_content><#list oldAddresses as address>
  - "${address}"</#list><#else> []</#if>
# The playbook's public TCP ports; proxy: the connection begins with a PROXY protocol header (v1), which the
# new server's Traefik entry point trusts from the old server.
matrix_migrate_forward_ports:
<#list ports as port>
  - {port: ${port.port()?c}, service: "${port.service()}", proxy: ${port.proxyProtocol()?c}}
</#list>
