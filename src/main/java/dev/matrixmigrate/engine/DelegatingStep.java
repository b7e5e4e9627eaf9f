package dev.matrixmigrate.engine;

/** A step that adds one behaviour to another step and is otherwise that step. */
public abstract class DelegatingStep implements Step {
    protected final Step step;

    public DelegatingStep(Step step) {
        this.step = step;
    }

    @Override
    public String id() {
        return step.id();
    }

    @Override
    public String title() {
        return step.title();
    }

    @Override
    public boolean stopsService() {
        return step.stopsService();
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        step.run(context);
    }
}
