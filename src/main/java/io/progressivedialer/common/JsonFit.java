package io.progressivedialer.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** A JSON document cut to fit a column. */
public final class JsonFit {

    private JsonFit() {
    }

    /**
     * The document as text of at most {@code max} characters: the first entries of its longest list (the oldest of a
     * customer's call history) go first; what still does not fit becomes {@code {"truncated":true}}.
     */
    public static String within(JsonNode document, int max) {
        String text = document.toString();
        if (text.length() <= max) {
            return text;
        }
        JsonNode payload = document.deepCopy();
        while (text.length() > max) {
            ArrayNode longest = longestList(payload, null);
            if (longest == null || longest.isEmpty()) {
                return "{\"truncated\":true}";
            }
            longest.remove(0);
            text = payload.toString();
        }
        return text;
    }

    private static ArrayNode longestList(JsonNode node, ArrayNode best) {
        if (node instanceof ArrayNode list && !list.isEmpty()
                && (best == null || list.toString().length() > best.toString().length())) {
            best = list;
        }
        for (JsonNode child : node) {
            best = longestList(child, best);
        }
        return best;
    }
}
