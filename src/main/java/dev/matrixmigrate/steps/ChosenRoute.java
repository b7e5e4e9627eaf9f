package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.files.SafeYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The database's route as the preflight chose it (plan/database-route.yml): dump or copy, and why. */
public record ChosenRoute(boolean dumps, String why) {

    public static ChosenRoute read(Path file) throws StepFailed {
        try {
            Map<String, Object> chosen = SafeYaml.readMapping(file);
            Object route = chosen.get("route");
            if (!"dump".equals(route) && !"copy".equals(route)) {
                throw new IOException("route is " + route + ", neither dump nor copy");
            }
            return new ChosenRoute("dump".equals(route), String.valueOf(chosen.get("why")));
        } catch (IOException | RuntimeException e) {
            throw new StepFailed("the preflight's choice of the database's route cannot be read from " + file + " ("
                    + e.getMessage() + "): run the preflight again (a new migration)", null, null);
        }
    }
}
