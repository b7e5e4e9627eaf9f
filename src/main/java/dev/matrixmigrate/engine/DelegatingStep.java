package dev.matrixmigrate.engine;

/** A step that adds one behaviour to another step ({@link #step}) and is otherwise that step. */
public interface DelegatingStep extends Step {
    Step step();

    @Override
    default String id() {
        return step().id();
    }

    @Override
    default String title() {
        return step().title();
    }

    @Override
    default boolean stopsService() {
        return step().stopsService();
    }

    @Override
    default void run(StepContext context) throws StepFailed {
        step().run(context);
    }
}
