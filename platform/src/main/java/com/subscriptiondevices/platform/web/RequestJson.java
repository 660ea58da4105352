package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.validation.StorableText;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * How request bodies are read: the application's JSON settings, plus what keeps read models whole.
 * Every string must be storable ({@link StorableText}), wherever it sits in the body, and a member
 * may appear only once (which of two values would count is anyone's guess). Responses, events and
 * stored documents keep the application's own mapper: only what clients send is held to this.
 */
@Component
public class RequestJson {

    /** A JSON Patch is a flat list of small operations; anything deeper than this is not a device. */
    static final int MAX_PATCH_DEPTH = 16;

    private final JsonMapper mapper;

    RequestJson(JsonMapper applicationMapper) {
        this.mapper = applicationMapper
                .rebuild()
                .addModule(new SimpleModule("storable-text").addDeserializer(String.class, new StorableStrings()))
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public JsonMapper mapper() {
        return mapper;
    }

    /**
     * Checks a JSON Patch document at the edge, before it becomes a command: well-formed, within
     * {@value #MAX_PATCH_DEPTH} levels, no member twice, every string and member name storable. What
     * its operations mean is the patcher's business; a refusal here is {@code INVALID_PATCH} as there.
     */
    public void checkPatch(String document) {
        JsonNode tree;
        try {
            tree = mapper.readTree(document == null ? "" : document);
        } catch (JacksonException failure) {
            throw new DomainException(ErrorCode.INVALID_PATCH, JsonProblems.describe(failure));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new DomainException(ErrorCode.INVALID_PATCH, "The body must be a JSON array of operations.");
        }
        problem(tree, "", 0).ifPresent(problem -> {
            throw new DomainException(ErrorCode.INVALID_PATCH, problem);
        });
    }

    private static Optional<String> problem(JsonNode node, String path, int depth) {
        if (depth > MAX_PATCH_DEPTH) {
            return Optional.of("The patch nests deeper than " + MAX_PATCH_DEPTH + " levels (at '" + path + "').");
        }
        if (node.isString()) {
            return StorableText.problem(node.asString()).map(why -> "'" + path + "' " + why + ".");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> problem = problem(node.get(i), path + "[" + i + "]", depth + 1);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String at = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                Optional<String> name = StorableText.problem(member.getKey());
                if (name.isPresent()) {
                    return Optional.of("A member name at '" + ApiText.echo(path) + "' " + name.get() + ".");
                }
                Optional<String> problem = problem(member.getValue(), at, depth + 1);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    /** Jackson's own string reading (numbers become their digits), then the storable check. */
    private static final class StorableStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null) {
                Optional<String> problem = StorableText.problem(value);
                if (problem.isPresent()) {
                    throw new UnstorableTextException(parser, problem.get());
                }
            }
            return value;
        }
    }
}
