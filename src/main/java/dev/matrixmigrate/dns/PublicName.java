package dev.matrixmigrate.dns;

/** A host name users or other servers reach the server at, and the playbook variable that gives it. */
public record PublicName(String variable, String name) {
}
