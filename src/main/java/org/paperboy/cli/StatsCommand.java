package org.paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.ingest.HarvestCheckpoint;
import org.paperboy.paper.PaperStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Counts what the store holds: papers, versions, papers per primary category, date range, harvest checkpoints.")
final class StatsCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (Paperboy app = global.open()) {
      PaperStore.Stats s = app.papers().stats();
      List<HarvestCheckpoint> checkpoints = app.harvestCheckpoints().all();
      if (json) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("papers", s.papers());
        root.put("versions", s.versions());
        ObjectNode dates = root.putObject("dates");
        dates.put("earliest", s.earliest() == null ? null : s.earliest().toString());
        dates.put("latest", s.latest() == null ? null : s.latest().toString());
        ObjectNode categories = root.putObject("primaryCategories");
        s.primaryCategories().forEach(c -> categories.put(c.category(), c.papers()));
        ArrayNode harvests = root.putArray("harvestCheckpoints");
        for (HarvestCheckpoint c : checkpoints) {
          ObjectNode h = harvests.addObject();
          h.put("endpoint", c.endpoint());
          h.put("format", c.format());
          h.put("set", c.set());
          h.put("inProgress", c.inProgress());
          h.put("resumptionToken", c.resumptionToken());
          h.put("runFrom", text(c.runFrom()));
          h.put("nextFrom", text(c.nextFrom()));
          h.put("pages", c.pages());
          h.put("records", c.records());
          h.put("updatedAt", text(c.updatedAt()));
        }
        System.out.println(mapper.writeValueAsString(root));
      } else {
        System.out.printf("papers      %,d%n", s.papers());
        System.out.printf("versions    %,d%n", s.versions());
        System.out.printf("dates       %s … %s%n", s.earliest(), s.latest());
        System.out.println("primary categories:");
        s.primaryCategories().forEach(c -> System.out.printf("  %-18s %,d%n", c.category(), c.papers()));
        System.out.println("harvest checkpoints:" + (checkpoints.isEmpty() ? " none" : ""));
        for (HarvestCheckpoint c : checkpoints) {
          System.out.printf("  %s %s set %s: %s, %,d pages / %,d records, at %s%n", c.endpoint(), c.format(),
              c.set().isEmpty() ? "(all)" : c.set(),
              c.inProgress() ? "in progress (resumes at token " + c.resumptionToken() + ")" : "next run from " + c.nextFrom(),
              c.pages(), c.records(), c.updatedAt());
        }
      }
    }
    return 0;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
