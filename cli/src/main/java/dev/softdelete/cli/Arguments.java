package dev.softdelete.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one subcommand: positional values, options written {@code --name value} or
 * {@code --name=value}, and switches written {@code --name} alone (such as {@code --all}); {@code -h}/{@code --help}
 * asks for the usage text.
 */
final class Arguments {
    private final List<String> positionals;
    private final Map<String, String> options;
    private final Set<String> switches;
    private final boolean help;

    private Arguments(List<String> positionals, Map<String, String> options, Set<String> switches, boolean help) {
        this.positionals = Collections.unmodifiableList(positionals);
        this.options = Collections.unmodifiableMap(options);
        this.switches = Collections.unmodifiableSet(switches);
        this.help = help;
    }

    /** As {@link #parse(String[], Set, Set)} for a subcommand without switches. */
    static Arguments parse(String[] args, Set<String> known) throws UsageException {
        return parse(args, known, Set.of());
    }

    /**
     * @param known         the options the subcommand accepts, with their dashes ({@code --url}), each with a value
     * @param knownSwitches the switches it accepts, which take no value ({@code --apply})
     * @throws UsageException for an unknown option, an option without its value, or one given twice
     */
    static Arguments parse(String[] args, Set<String> known, Set<String> knownSwitches) throws UsageException {
        List<String> positionals = new ArrayList<>();
        Set<String> switches = new LinkedHashSet<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean help = false;
        boolean onlyPositionals = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (onlyPositionals || !arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
            } else if (arg.equals("--")) {
                onlyPositionals = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
            } else if (knownSwitches.contains(arg)) {
                if (!switches.add(arg)) {
                    throw new UsageException("option " + arg + " is given twice");
                }
            } else {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                if (knownSwitches.contains(name)) {
                    throw new UsageException("option " + name + " takes no value");
                }
                if (!known.contains(name)) {
                    throw new UsageException("unknown option " + name);
                }
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("option " + name + " needs a value");
                }
                if (options.put(name, value) != null) {
                    throw new UsageException("option " + name + " is given twice");
                }
            }
        }
        return new Arguments(positionals, options, switches, help);
    }

    /** Whether the switch {@code name} ({@code --apply}) was given. */
    boolean switched(String name) {
        return switches.contains(name);
    }

    /** Whether {@code -h} or {@code --help} was given. */
    boolean help() {
        return help;
    }

    /** The option's value, or null when it is absent. */
    String option(String name) {
        return options.get(name);
    }

    /** The option's value; a usage error when it is absent or blank. */
    String required(String name) throws UsageException {
        String value = options.get(name);
        if (value == null || value.trim().isEmpty()) {
            throw new UsageException("option " + name + " is required");
        }
        return value;
    }

    /** The option as a positive number, or {@code fallback} when absent. */
    int positiveInt(String name, int fallback) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option " + name + " needs a positive whole number, not '" + value + "'");
    }

    /** The positional values, however many. */
    List<String> positionalValues() {
        return positionals;
    }

    /** The positional values, which must be exactly {@code names.length} (named in the message). */
    List<String> positionals(String... names) throws UsageException {
        if (positionals.size() != names.length) {
            if (names.length == 0) {
                throw new UsageException("unexpected argument '" + positionals.get(0) + "'");
            }
            throw new UsageException("expected " + String.join(" ", names) + ", got "
                + (positionals.isEmpty() ? "nothing" : String.join(" ", positionals)));
        }
        return positionals;
    }
}
