Clients, resolvers and federating servers that cached the old address keep connecting to the old server until the
cache expires. The old server forwards them to the new one (${forward.to()}), at the TCP level: TLS stays end to end.

- Ports: ${forward.describePorts()} (${inputs.planFile(files.FORWARDING)}).
- Program: ${forwarder.PROGRAM} (installed with the distribution's package manager when missing), run by systemd-run
  as the transient unit ${forwarder.UNIT}.service, with its configuration in ${forwarder.CONFIG}; not one of the
  playbook's matrix-* units, and nothing under ${inputs.data()}.
- It listens on the old server's addresses clients knew (<#if forward.oldAddresses()?has_content>${forward.oldAddresses()?join(", ")},
  those it has; on all of them when it has none, as behind NAT<#else>none known: on all of them</#if>).
- End: <#if lengthSeconds??>${lengthSeconds?c} s after it starts (--forward-for)<#elseif changes??>the moment caches
  may no longer hold the old address (the dns step's change plus the records' longest TTL,
  ${changes.longestTtlBefore()?c} s) plus ${margin?c} minutes, and at least ${shortest?c} minutes after it
  starts<#else>${shortest?c} minutes after it starts (the tool does not know the records' TTL; --forward-for sets
  it)</#if>. The unit's RuntimeMaxSec ends it then, even when this machine is gone; status shows it, migrate
  --stop-forwarding ends it early, and a rollback ends it before the old server starts again.

<#if forward.proxyProtocol()>
Connections to the ports of the playbook's Traefik begin with a PROXY protocol header: the install and the start on
the new server give its Traefik ${inputs.planFile(files.TRAEFIK_TRUST)} (the host's
traefik_configuration_extension_yaml, with entryPoints.<name>.proxyProtocol.trustedIPs for the old server), so
Synapse's rate limits and logs see the clients' own addresses.
</#if>
<#if plainPorts?has_content>
Clients forwarded on ${plainPorts?join(", ")} appear to the new server with the old server's address.
</#if>
Its run begins with the cutover: it installs what is missing and checks the configuration while the final pass runs,
then waits at its gate (${files.GATE_PLUGIN}, before its tasks tagged ${files.FORWARD_GATE_TAG}) until the old
server stopped; it then binds the old server's ports while the new server starts, so that a client holding the old
address waits no longer than one that has the new. This step awaits it (a resumed run runs it here). The old
server's firewall is not changed: a port no one reaches from here is named.
