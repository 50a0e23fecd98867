package org.paperboy.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules the official papers client ({@code huggingface_hub}: {@code PaperInfo}, {@code PaperAuthor},
 * {@code User}, {@code Organization}, {@code parse_datetime}) relies on, as it parses an answer: where
 * any of them is broken, the client crashes or misreads.
 * <ul>
 *   <li>an error is a JSON object with a string {@code error} (the client shows it);</li>
 *   <li>{@code paper} is an object, never {@code null} ({@code kwargs.pop("paper", {})} then {@code paper.pop(…)});</li>
 *   <li>{@code authors} is an array of objects with a string {@code name} ({@code PaperAuthor(**author)});</li>
 *   <li>{@code submittedBy}, {@code submittedOnDailyBy}, {@code organization}, {@code author} are objects
 *       ({@code User(**…)}, {@code Organization(**…)}), never strings;</li>
 *   <li>every instant is {@code YYYY-MM-DDTHH:MM:SS.sssZ} ({@code parse_datetime}): any field named
 *       {@code …At}, and any string that looks like a date with a time.</li>
 * </ul>
 */
final class DialectRules {
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
  private static final Pattern LOOKS_LIKE_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:.*");
  private static final Set<String> PEOPLE = Set.of("submittedBy", "submittedOnDailyBy", "organization", "author");

  private DialectRules() {}

  /** Adds a line to {@code problems} for every rule {@code body} breaks. */
  static void check(JsonNode body, int status, List<String> problems, String where) {
    if (status >= 400 && !(body.isObject() && body.path("error").isTextual())) {
      problems.add(where + ": an error must be an object with a string 'error', got " + body);
    }
    walk(body, "$", problems, where);
  }

  private static void walk(JsonNode node, String path, List<String> problems, String where) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) walk(node.get(i), path + "[" + i + "]", problems, where);
      return;
    }
    if (!node.isObject()) return;
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      String at = path + "." + key;
      if (key.equals("paper") && !value.isObject()) problems.add(where + ": " + at + " must be an object, is " + value);
      if (key.equals("authors")) {
        if (!value.isArray()) problems.add(where + ": " + at + " must be an array");
        else value.forEach(a -> {
          if (!a.isObject() || !a.path("name").isTextual()) problems.add(where + ": " + at + " holds " + a + ", not {name}");
        });
      }
      if (PEOPLE.contains(key) && !value.isObject()) problems.add(where + ": " + at + " must be an object, is " + value);
      if (value.isTextual()) {
        String text = value.asText();
        boolean instantField = key.endsWith("At");
        if ((instantField || LOOKS_LIKE_DATE_TIME.matcher(text).matches()) && !INSTANT.matcher(text).matches()) {
          problems.add(where + ": " + at + " = '" + text + "' is not YYYY-MM-DDTHH:MM:SS.sssZ");
        }
      }
      walk(value, at, problems, where);
    }
  }
}
