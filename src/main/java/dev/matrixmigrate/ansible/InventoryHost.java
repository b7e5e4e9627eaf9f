package dev.matrixmigrate.ansible;

/** A host as Ansible sees it after reading the inventory (and its host_vars and group_vars). */
public record InventoryHost(String name, String address, String user, Integer port, boolean become, String privateKey) {
    public String describe() {
        return (user == null ? "" : user + "@") + address + (port == null || port == 22 ? "" : ":" + port);
    }
}
