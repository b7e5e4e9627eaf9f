package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.files.SafeYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The database's route as the preflight chose it (plan/database-route.yml): dump, copy or stream, and why. */
public record ChosenRoute(String route, String why) {
    private static final List<String> ROUTES = List.of("copy", "dump", "stream");

    public boolean dumps() {
        return route.equals("dump");
    }

    public boolean streams() {
        return route.equals("stream");
    }


    public static ChosenRoute read(Path file) throws StepFailed {
        try {
            Map<String, Object> chosen = SafeYaml.readMapping(file);
            Object route = chosen.get("route");
            if (!ROUTES.contains(route)) {
                throw new IOException("route is " + route + ", none of " + String.join(", ", ROUTES));
            }
            return new ChosenRoute((String) route, String.valueOf(chosen.get("why")));
        } catch (IOException | RuntimeException e) {
            throw new StepFailed("the preflight's choice of the database's route cannot be read from " + file + " ("
                    + e.getMessage() + "): run the preflight again (a new migration)", null, null);
        }
    }
}
