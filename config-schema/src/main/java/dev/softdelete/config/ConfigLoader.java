package dev.softdelete.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads and validates {@code softdelete.yml}. YAML is read with the YAML 1.2 core schema; documents over
 * {@value #MAX_CODE_POINTS} code points and more than {@value #MAX_COLLECTION_ALIASES} aliases of collections are
 * refused.
 */
public final class ConfigLoader {
    /** The largest document accepted, in code points. */
    public static final int MAX_CODE_POINTS = 1024 * 1024;
    /** The most aliases ({@code *name}) of mappings or lists a document may use. */
    public static final int MAX_COLLECTION_ALIASES = 10;

    private ConfigLoader() {
    }

    /** Loads a file; its path is the source named in messages. */
    public static SoftDeleteConfig load(Path file) throws ConfigException {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, source);
        } catch (NoSuchFileException e) {
            throw withCause(new ConfigException(source, 0, 0, null, "file not found"), e);
        } catch (IOException e) {
            throw withCause(new ConfigException(source, 0, 0, null, "cannot be read: " + e), e);
        }
    }

    /** Parses YAML text; {@code sourceName} is used in messages. */
    public static SoftDeleteConfig parse(String yamlText, String sourceName) throws ConfigException {
        return read(sourceName, compose -> compose.composeString(yamlText));
    }

    /** Reads a stream (UTF-8, or UTF-16/32 with a byte order mark); the caller closes it. */
    public static SoftDeleteConfig load(InputStream in, String sourceName) throws ConfigException {
        return read(sourceName, compose -> compose.composeInputStream(in));
    }

    private static SoftDeleteConfig read(String source, Function<Compose, Optional<Node>> composer)
            throws ConfigException {
        Objects.requireNonNull(source, "sourceName");
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .build();
        Optional<Node> root;
        try {
            root = composer.apply(new Compose(settings));
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw withCause(new ConfigException(source, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, null, "invalid YAML: " + e.getProblem() + context), e);
        } catch (YamlEngineException e) {
            String problem = e.getCause() instanceof IOException
                    ? "cannot be read: " + e.getCause()
                    : "invalid YAML: " + e.getMessage();
            throw withCause(new ConfigException(source, 0, 0, null, problem), e);
        } catch (StackOverflowError e) {
            // the YAML parser recurses once per level of nesting ([[[[...), and no configuration nests deeply
            throw withCause(new ConfigException(source, 0, 0, null, "invalid YAML: nested too deeply"), e);
        }
        if (!root.isPresent() || Tag.NULL.equals(root.get().getTag())) {
            throw new ConfigException(source, 1, 1, null, "the file is empty; it needs at least version and tables");
        }
        return new ConfigReader(source).read(root.get());
    }

    private static ConfigException withCause(ConfigException exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }
}
