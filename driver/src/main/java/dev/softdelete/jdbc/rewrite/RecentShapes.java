package dev.softdelete.jdbc.rewrite;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.recognise.LiteralShape;

/**
 * The literal shapes the engine rewrote last, each with the rewrite of its shape, one per slot chosen by the
 * beginning of the statement's text. A statement with new literals whose text has the shape of the one before it in
 * its slot is read once against that statement ({@link LiteralShape#match}) instead of being lexed, its shape's
 * text built, hashed and looked up in the cache: legacy code that concatenates values runs the same few shapes over
 * and over.
 *
 * <p>What a slot holds is what the shape path found for a statement of that shape under one visibility, and the
 * shape path's answer depends on nothing else (the configuration and catalog are the engine's own), so a match
 * gives the outcome the shape path gives. Shared by the engine's threads without a lock: an entry is immutable, and
 * a slot holds a whole entry or another one. A slot is written only when its shape missed, so a run of statements of
 * one shape reads it and writes nothing.
 */
final class RecentShapes {
    /** Slots: 2 to this power. */
    private static final int BITS = 6;
    /** The slot is chosen by at most this many characters of the text, up to where a literal may start. */
    private static final int PREFIX = 64;
    /** Longer statements are not kept, so that the slots keep at most a few hundred kilobytes of text alive. */
    static final int MAX_LENGTH = 2_000;

    private static final class Entry {
        final LiteralShape shape;
        final Visibility visibility;
        /** The rewrite of the shape; {@link Rewrite#UNCHANGED} when the shape goes as written. */
        final Rewrite rewrite;
        /** The rewritten shape's text, into which a statement's literals go back; null when unchanged. */
        final String rewrittenShape;

        Entry(LiteralShape shape, Visibility visibility, Rewrite rewrite, String rewrittenShape) {
            this.shape = shape;
            this.visibility = visibility;
            this.rewrite = rewrite;
            this.rewrittenShape = rewrittenShape;
        }
    }

    private final Entry[] slots = new Entry[1 << BITS];

    /** The shape path's outcome for {@code sql} when its slot holds its shape; null when it does not. */
    Rewrite rewrite(String sql, Visibility visibility) {
        Entry e = slots[slot(sql)];
        if (e == null || e.visibility != visibility) {
            return null;
        }
        LiteralShape same = e.shape.match(sql);
        if (same == null) {
            return null;
        }
        if (e.rewrite.unchanged()) {
            return Rewrite.UNCHANGED;
        }
        String text = same.reinsert(e.rewrittenShape);
        return text == null ? null : e.rewrite.withSql(text);
    }

    /**
     * Keeps {@code shape}, found in a statement the shape path answered under {@code visibility} with the rewrite
     * {@code rewrite} of the shape, whose text is {@code rewrittenShape} (null when unchanged).
     */
    void remember(LiteralShape shape, String sql, Visibility visibility, Rewrite rewrite, String rewrittenShape) {
        if (sql.length() <= MAX_LENGTH) {
            slots[slot(sql)] = new Entry(shape, visibility, rewrite, rewrittenShape);
        }
    }

    /**
     * The slot of {@code sql}: from its characters up to the first digit or quote, where the first literal may
     * start, and at most {@link #PREFIX} of them. Statements of one shape agree up to their first literal, so they
     * share a slot.
     */
    private static int slot(String sql) {
        int n = Math.min(sql.length(), PREFIX);
        int h = 0;
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || (c >= '0' && c <= '9')) {
                break;
            }
            h = 31 * h + c;
        }
        return (h * 0x9E3779B9) >>> (Integer.SIZE - BITS);
    }
}
