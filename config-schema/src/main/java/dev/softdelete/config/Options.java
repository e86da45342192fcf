package dev.softdelete.config;

/** The {@code options:} section. */
public final class Options {
    public static final Options DEFAULTS = new Options(OnUnparseable.REJECT, TruncatePolicy.REJECT, Mode.ENFORCE);

    private final OnUnparseable onUnparseable;
    private final TruncatePolicy truncate;
    private final Mode mode;

    /** Options in the default mode, {@link Mode#ENFORCE}. */
    public Options(OnUnparseable onUnparseable, TruncatePolicy truncate) {
        this(onUnparseable, truncate, Mode.ENFORCE);
    }

    public Options(OnUnparseable onUnparseable, TruncatePolicy truncate, Mode mode) {
        this.onUnparseable = onUnparseable;
        this.truncate = truncate;
        this.mode = mode;
    }

    public OnUnparseable onUnparseable() {
        return onUnparseable;
    }

    public TruncatePolicy truncate() {
        return truncate;
    }

    /** The mode of connections that do not set {@code softdelete.mode} themselves. */
    public Mode mode() {
        return mode;
    }
}
