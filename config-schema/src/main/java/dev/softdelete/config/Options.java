package dev.softdelete.config;

/** The {@code options:} section. */
public final class Options {
    public static final Options DEFAULTS = new Options(OnUnparseable.REJECT, TruncatePolicy.REJECT);

    private final OnUnparseable onUnparseable;
    private final TruncatePolicy truncate;

    public Options(OnUnparseable onUnparseable, TruncatePolicy truncate) {
        this.onUnparseable = onUnparseable;
        this.truncate = truncate;
    }

    public OnUnparseable onUnparseable() {
        return onUnparseable;
    }

    public TruncatePolicy truncate() {
        return truncate;
    }
}
