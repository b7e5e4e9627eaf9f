package dev.matrixmigrate.config;

import java.util.Optional;

/** Where the server moves to. User and port are empty when they stay as the inventory has them. */
public record NewServerSettings(String address, Optional<String> user, Optional<Integer> port, boolean become) {
}
