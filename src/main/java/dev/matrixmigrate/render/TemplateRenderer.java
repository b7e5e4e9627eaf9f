package dev.matrixmigrate.render;

import dev.matrixmigrate.failure.Failure;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.ext.beans.BeansWrapper;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the FreeMarker templates of the {@code templates/} tree. The tree is packaged in the jar;
 * a directory given with {@code --templates} overrides single files of it.
 */
public final class TemplateRenderer {
    private static final freemarker.template.Version VERSION = Configuration.VERSION_2_3_34;
    private final Configuration configuration;

    public TemplateRenderer(Path overrideDir) {
        configuration = new Configuration(VERSION);
        configuration.setDefaultEncoding("UTF-8");
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(VERSION);
        // Lets templates read record components as ${model.name}, like bean properties.
        wrapper.setRecordZeroArgumentNonVoidMethodPolicy(
                ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
        configuration.setObjectWrapper(wrapper.build());
        List<TemplateLoader> loaders = new ArrayList<>();
        if (overrideDir != null) {
            if (!Files.isDirectory(overrideDir)) {
                throw Failure.invalidInput("--templates " + overrideDir + " is not a directory: give the folder"
                        + " that holds your template overrides");
            }
            try {
                loaders.add(new FileTemplateLoader(overrideDir.toFile()));
            } catch (IOException e) {
                throw Failure.invalidInput("--templates " + overrideDir + " cannot be read: " + e.getMessage());
            }
        }
        loaders.add(new ClassTemplateLoader(TemplateRenderer.class, "/templates"));
        configuration.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
    }

    public static TemplateRenderer builtIn() {
        return new TemplateRenderer(null);
    }

    /** Lets every template read the public constants of {@code holder} as {@code ${name.CONSTANT}}. */
    public TemplateRenderer sharing(String name, Class<?> holder) {
        try {
            BeansWrapper wrapper = (BeansWrapper) configuration.getObjectWrapper();
            configuration.setSharedVariable(name, wrapper.getStaticModels().get(holder.getName()));
        } catch (TemplateModelException e) {
            throw new IllegalStateException("the constants of " + holder.getName() + " cannot be shared", e);
        }
        return this;
    }

    /** Renders template {@code name} (a path under templates/) with the given model object. */
    public String render(String name, Object model) {
        try {
            StringWriter out = new StringWriter();
            configuration.getTemplate(name).process(model, out);
            return out.toString();
        } catch (TemplateNotFoundException e) {
            throw new IllegalStateException("template " + name + " is missing from the templates tree", e);
        } catch (TemplateException | IOException e) {
            throw Failure.whileRunning("template " + name + " failed to render: " + e.getMessage(), e);
        }
    }
}
