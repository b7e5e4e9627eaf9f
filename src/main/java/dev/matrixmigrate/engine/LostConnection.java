package dev.matrixmigrate.engine;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's command failed because an SSH connection was lost or could not be made, not because a task failed on a
 * server that answered: read from what the command wrote (Ansible's UNREACHABLE, ssh's own errors, rsync's connection
 * errors, a privilege-escalation prompt that never came). Names the connection: the server, its address and port.
 */
public record LostConnection(String server, String address, String port, String symptom) {
    /** What ssh, Ansible and rsync write when a connection is lost or cannot be made. */
    private static final List<Pattern> SYMPTOMS = List.of(
            Pattern.compile("UNREACHABLE!"),
            Pattern.compile("Timeout \\(\\d+s\\) waiting for privilege escalation prompt"),
            Pattern.compile("ssh: connect to host \\S+ port \\d+: (Connection timed out|Connection refused|No route to host"
                    + "|Network is unreachable)"),
            Pattern.compile("Connection timed out during banner exchange"),
            Pattern.compile("Timeout, server \\S+ not responding"),
            Pattern.compile("client_loop: send disconnect"),
            Pattern.compile("rsync: connection unexpectedly closed"),
            Pattern.compile("rsync error: (error in rsync protocol data stream \\(code 12\\)|unexplained error \\(code 255\\)"
                    + "|timeout in data send/receive \\(code 30\\)|timeout waiting for daemon connection \\(code 35\\))"),
            Pattern.compile("Data could not be sent to remote host"),
            Pattern.compile("kex_exchange_identification"));
    private static final Pattern HOST_PORT = Pattern.compile("(?:connect to host|Timeout, server) (\\S+?)(?: port (\\d+))?[: ]");
    private static final Pattern FAILED_HOST = Pattern.compile("(?:fatal|failed): \\[([^\\]]+)\\]");

    /**
     * The lost connection a failed command's output shows, if it shows one.
     *
     * @param output what the command wrote (the attempt's part of the step's log)
     * @param oldAddress the old server's address, to name it
     * @param newAddress the new server's
     */
    public static Optional<LostConnection> in(String output, String oldAddress, String newAddress) {
        Matcher symptom = null;
        for (Pattern pattern : SYMPTOMS) {
            Matcher found = pattern.matcher(output);
            if (found.find() && (symptom == null || found.start() < symptom.start())) {
                symptom = found;
            }
        }
        if (symptom == null) {
            return Optional.empty();
        }
        Matcher hostPort = HOST_PORT.matcher(output);
        String address = hostPort.find() ? hostPort.group(1) : null;
        String port = address != null ? hostPort.group(2) : null;
        String server = address == null ? serverOfHost(output.substring(0, symptom.start()))
                : address.equals(newAddress) ? "the new server" : address.equals(oldAddress) ? "the old server"
                : "the server at " + address;
        return Optional.of(new LostConnection(server, address, port, symptom.group()));
    }

    /** The server of the last task that failed before the symptom, by its inventory name ({@code -new}: the new one). */
    private static String serverOfHost(String before) {
        Matcher host = FAILED_HOST.matcher(before);
        String name = null;
        while (host.find()) {
            name = host.group(1);
        }
        if (name == null) {
            return "a server";
        }
        return name.endsWith("-new") ? "the new server" : "the server " + name;
    }

    /** "the new server (127.0.0.3 port 2222)": which connection was lost. */
    public String connection() {
        return server + (address == null ? "" : " (" + address + (port == null ? "" : " port " + port) + ")");
    }

    @Override
    public String toString() {
        return connection() + " stopped answering over SSH (" + symptom + ")";
    }
}
