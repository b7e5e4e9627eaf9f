package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.ConfigFileDefaults;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * `--help` with the options under the heading of the class that declares them ({@link OptionGroup}), in
 * their declared order, and without the list separator that only a --config file's lists use.
 */
final class GroupedHelp {
    private static final String OTHER = "Other";

    private GroupedHelp() {
    }

    static void install(CommandLine cli) {
        cli.setHelpFactory((spec, scheme) -> new Help(spec, scheme) {
            @Override
            public IParamLabelRenderer parameterLabelRenderer() {
                return new RepeatedLabel(super.parameterLabelRenderer());
            }
        });
        installIn(cli);
    }

    private static void installIn(CommandLine cli) {
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, GroupedHelp::optionList);
        cli.getSubcommands().values().forEach(GroupedHelp::installIn);
    }

    private static String optionList(Help help) {
        Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
        for (OptionSpec option : help.commandSpec().options()) {
            if (!option.hidden()) {
                groups.computeIfAbsent(heading(option), h -> new ArrayList<>()).add(option);
            }
        }
        List<OptionSpec> other = groups.remove(OTHER);
        if (other != null) {
            groups.put(groups.isEmpty() ? "Options" : OTHER, other);
        }
        StringBuilder text = new StringBuilder();
        groups.forEach((heading, options) -> text.append(String.format("%n%s:%n", heading))
                .append(help.optionListExcludingGroups(options, help.createDefaultLayout(), null,
                        help.parameterLabelRenderer())));
        return text.toString();
    }

    private static String heading(OptionSpec option) {
        if (option.userObject() instanceof Field field) {
            OptionGroup group = field.getDeclaringClass().getAnnotation(OptionGroup.class);
            if (group != null) {
                return group.value();
            }
        }
        return OTHER;
    }

    /**
     * An option that a --config list fills splits on a character nobody types; on the command line it is
     * given once per value, which the synopsis already shows with "...".
     */
    private record RepeatedLabel(Help.IParamLabelRenderer labels) implements Help.IParamLabelRenderer {
        @Override
        public Help.Ansi.Text renderParameterLabel(ArgSpec arg, Help.Ansi ansi, List<Help.Ansi.IStyle> styles) {
            Help.Ansi.Text label = labels.renderParameterLabel(arg, ansi, styles);
            if (!ConfigFileDefaults.LIST_SPLIT.equals(arg.splitRegex())) {
                return label;
            }
            String plain = label.plainString();
            int split = plain.indexOf("[" + ConfigFileDefaults.LIST_SPLIT);
            return split < 0 ? label : ansi.text(plain.substring(0, split));
        }

        @Override
        public String separator() {
            return labels.separator();
        }
    }
}
