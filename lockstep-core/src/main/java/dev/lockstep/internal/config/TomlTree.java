package dev.lockstep.internal.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code lockstep.toml} as a tree. A class of its own so that a command in a project without the file does
 * not load the tree's node classes: the JVM loads the classes a method assigns to one another when it links
 * the class that has the method, whether or not the method runs.
 */
final class TomlTree {
    private TomlTree() {
    }

    /**
     * The file as a tree, read with the TOML module's parser but without an object mapper: setting a mapper
     * up costs a short command (a lint) about 50 ms more than reading the file. The same tree as
     * {@code new TomlMapper().readTree(file)} gives (ConfigFileTest).
     */
    static JsonNode read(Path file) throws IOException {
        try (JsonParser p = new TomlFactory().createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            return first == null ? JsonNodeFactory.instance.objectNode() : node(p, first);
        }
    }

    private static JsonNode node(JsonParser p, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    object.set(name, node(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(node(p, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> nodes.numberNode(p.getIntValue());
                    case LONG -> nodes.numberNode(p.getLongValue());
                    default -> nodes.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return switch (p.getNumberType()) {
                    case BIG_DECIMAL -> nodes.numberNode(p.getDecimalValue());
                    case FLOAT -> nodes.numberNode(p.getFloatValue());
                    default -> nodes.numberNode(p.getDoubleValue());
                };
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            case VALUE_EMBEDDED_OBJECT -> {
                return nodes.pojoNode(p.getEmbeddedObject());
            }
            default -> throw new IOException("unexpected " + token + " in " + ConfigFile.NAME);
        }
    }
}
