package dev.matrixmigrate.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The heading under which `--help` lists the options a class declares. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface OptionGroup {
    String value();
}
