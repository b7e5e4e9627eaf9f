package dev.matrixmigrate.ansible;

/** A host as Ansible sees it after reading the inventory (and its host_vars and group_vars). */
public record InventoryHost(String name, String address, String user, Integer port, boolean become, String privateKey) {
    /** The port ssh connects to. */
    public int sshPort() {
        return port == null ? 22 : port;
    }

    public String describe() {
        return (user == null ? "" : user + "@") + address + (port == null || port == 22 ? "" : ":" + port);
    }
}
