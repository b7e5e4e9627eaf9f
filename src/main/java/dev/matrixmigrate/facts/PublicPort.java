package dev.matrixmigrate.facts;

import java.util.Optional;

/**
 * A TCP port the playbook publishes on the host for clients.
 *
 * @param service what answers there, for people (web, web-secure, matrix-federation, TURN)
 * @param entryPoint the name of the playbook's Traefik entry point that answers there (empty: another program)
 */
public record PublicPort(int port, String service, Optional<String> entryPoint) {
}
