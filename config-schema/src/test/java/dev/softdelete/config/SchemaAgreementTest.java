package dev.softdelete.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The JSON Schema shipped in the jar and the loader agree on a corpus of documents under {@code configs/}:
 * {@code valid/} is accepted by both and {@code invalid/} rejected by both. {@code loader-only/} holds rules that
 * JSON Schema cannot express (a cascade target must be configured, both columns null after applying the defaults,
 * duplicate table names ignoring case, column and references lengths): the schema accepts those documents and only
 * the loader rejects them. Exact duplicate keys and YAML syntax errors are not in the corpus because they never
 * reach the schema (the YAML does not load); {@link ConfigLoaderErrorTest} covers them.
 */
class SchemaAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Load YAML = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build());
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = SchemaAgreementTest.class.getResourceAsStream("/softdelete.schema.json")) {
            assertThat(in).as("softdelete.schema.json on the classpath").isNotNull();
            schema = factory.getSchema(in);
        }
    }

    static Stream<Path> valid() throws Exception {
        return corpus("valid");
    }

    static Stream<Path> invalid() throws Exception {
        return corpus("invalid");
    }

    static Stream<Path> loaderOnly() throws Exception {
        return corpus("loader-only");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void bothAccept(Path file) throws Exception {
        assertThatCode(() -> ConfigLoader.load(file)).doesNotThrowAnyException();
        assertThat(schemaErrors(file)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void bothReject(Path file) throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).line()).as("line").isPositive());
        assertThat(schemaErrors(file)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loaderOnly")
    void onlyTheLoaderRejects(Path file) throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class);
        assertThat(schemaErrors(file)).isEmpty();
    }

    @Test
    void corpusCoversEveryKind() throws Exception {
        assertThat(valid().count()).isGreaterThanOrEqualTo(5);
        assertThat(invalid().count()).isGreaterThanOrEqualTo(30);
        assertThat(loaderOnly().count()).isEqualTo(7);
    }

    @Test
    void schemaIsValidDraft202012() throws Exception {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        try (InputStream in = SchemaAgreementTest.class.getResourceAsStream("/softdelete.schema.json")) {
            JsonNode schemaJson = JSON.readTree(in);
            assertThat(metaSchema.validate(schemaJson)).isEmpty();
            assertThat(schemaJson.get("$id").asText()).isEqualTo("https://softdelete.dev/schema/softdelete-1.json");
        }
    }

    private static Set<ValidationMessage> schemaErrors(Path file) throws IOException {
        Object document = YAML.loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        JsonNode json = document == null ? NullNode.getInstance() : JSON.valueToTree(document);
        return schema.validate(json);
    }

    private static Stream<Path> corpus(String kind) throws IOException, URISyntaxException {
        Path dir = Path.of(SchemaAgreementTest.class.getResource("/configs/" + kind).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yml = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
            return yml.stream();
        }
    }
}
